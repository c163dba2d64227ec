using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Scrawl.Numerics;

namespace Scrawl.Benchmarks;

#pragma warning disable CA1707 // Shape names spell out transposes and sizes (NN_64x64x1024).

/// <summary>The GEMM shapes of one 1024-64-36 MLP training batch (batch 64) and of validation.</summary>
public enum GemmShape
{
    /// <summary>(1) X[64×1024]·W1[1024×64]: forward, m=64 n=64 k=1024.</summary>
    NN_64x64x1024,

    /// <summary>(2) Xᵀ·D1: weight gradient, m=1024 n=64 k=64, A transposed.</summary>
    TN_1024x64x64,

    /// <summary>D1·W1ᵀ: input gradient, m=64 n=1024 k=64, B transposed.</summary>
    NT_64x1024x64,

    /// <summary>(3) H[64×64]·W2[64×36]: m=64 n=36 k=64.</summary>
    NN_64x36x64,

    /// <summary>(3) Hᵀ·D2: m=64 n=36 k=64, A transposed.</summary>
    TN_64x36x64,

    /// <summary>(3) D2[64×36]·W2ᵀ: m=64 n=64 k=36, B transposed.</summary>
    NT_64x64x36,

    /// <summary>(4) validation: 3600×1024 · 1024×64.</summary>
    NN_3600x64x1024,
}

/// <summary>
/// Times <see cref="Gemm"/> on the training shapes, single-threaded and with the worker threads, and
/// reports GFLOP/s (2·m·n·k / mean time). Run: dotnet run -c Release --project bench/Scrawl.Benchmarks -- --filter *Gemm*
/// </summary>
[Config(typeof(GemmConfig))]
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private (bool TA, bool TB, int M, int N, int K) _s;

    /// <summary>The product being timed.</summary>
    [ParamsAllValues]
    public GemmShape Shape { get; set; }

    /// <summary>Whether the call may use the worker threads (false = calling thread only).</summary>
    [Params(false, true)]
    public bool Threaded { get; set; }

    /// <summary>Transposes and sizes of a shape.</summary>
    public static (bool TA, bool TB, int M, int N, int K) Dimensions(GemmShape shape) => shape switch
    {
        GemmShape.NN_64x64x1024 => (false, false, 64, 64, 1024),
        GemmShape.TN_1024x64x64 => (true, false, 1024, 64, 64),
        GemmShape.NT_64x1024x64 => (false, true, 64, 1024, 64),
        GemmShape.NN_64x36x64 => (false, false, 64, 36, 64),
        GemmShape.TN_64x36x64 => (true, false, 64, 36, 64),
        GemmShape.NT_64x64x36 => (false, true, 64, 64, 36),
        GemmShape.NN_3600x64x1024 => (false, false, 3600, 64, 1024),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    [GlobalSetup]
    public void Setup()
    {
        _s = Dimensions(Shape);
        var random = new SeededRandom(42);
        _a = new float[_s.M * _s.K];
        _b = new float[_s.K * _s.N];
        _c = new float[_s.M * _s.N];
        random.FillUniform(_a, -1f, 1f);
        random.FillUniform(_b, -1f, 1f);
    }

    [Benchmark]
    public void Multiply()
    {
        (bool ta, bool tb, int m, int n, int k) = _s;
        Gemm.MultiplyCore(ta, tb, m, n, k, 1f, _a, ta ? m : k, _b, tb ? k : n, 0f, _c, n, Gemm.BestPath, Threaded);
    }

    private sealed class GemmConfig : ManualConfig
    {
        public GemmConfig()
        {
            AddJob(Job.Default.WithWarmupCount(5).WithIterationCount(15));
            AddColumn(new GflopsColumn());
        }
    }

    /// <summary>GFLOP/s = 2·m·n·k / mean time.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);

        public string ColumnName => "GFLOP/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Billions of floating-point operations per second (2·m·n·k / mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats || benchmarkCase.Parameters["Shape"] is not GemmShape shape)
            {
                return "-";
            }

            (_, _, int m, int n, int k) = Dimensions(shape);
            return (2.0 * m * n * k / stats.Mean).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
