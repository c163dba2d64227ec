using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Scrawl.Deep.Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>The ONNX importer on the ImageNet-trained ResNet18.onnx, checked against onnxruntime on the same input.</summary>
public class OnnxImporterTests(ITestOutputHelper log)
{
    private static string ResNet18 => Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");

    [Fact]
    public void Reads_the_resnet18_graph()
    {
        var model = OnnxModel.Load(ResNet18);
        Assert.Equal(22, model.Nodes.Count(n => n.OpType == "Conv"));
        Assert.Equal(22, model.Nodes.Count(n => n.OpType == "BatchNormalization"));
        Assert.Equal(9, model.Nodes.Count(n => n.OpType == "Add"));
        Assert.Equal([1L, 3, 224, 224], model.Inputs.Single().Dims);
        Assert.Equal([1L, 512, 1, 1], model.Outputs.Single().Dims);
    }

    [Fact]
    public void Imported_resnet18_matches_onnxruntime_on_the_same_input()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        var random = new Numerics.SeededRandom(11);
        var input = new float[2 * 3 * 224 * 224];
        random.FillUniform(input, -120f, 140f); // the graph takes BGR 0-255 minus the ImageNet mean
        using var module = new OnnxGraphModule(TestData.ResNet18.Value);
        module.eval();
        float[] ours;
        using (no_grad())
        using (var x = tensor(input, [2, 3, 224, 224]))
        using (var y = module.forward(x))
        {
            Assert.Equal([2L, 512, 1, 1], y.shape);
            ours = y.data<float>().ToArray();
        }

        float[] reference = new float[ours.Length];
        using var session = new InferenceSession(ResNet18);
        string inputName = session.InputMetadata.Keys.Single();
        for (int i = 0; i < 2; i++)
        {
            var one = new DenseTensor<float>(input.AsMemory(i * 3 * 224 * 224, 3 * 224 * 224), [1, 3, 224, 224]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, one)]);
            results.Single().AsEnumerable<float>().ToArray().CopyTo(reference, i * 512);
        }

        double maxDiff = ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        double maxAbs = reference.Max(Math.Abs);
        log.WriteLine($"max |ours − onnxruntime| = {maxDiff:E2}, max |output| = {maxAbs:E2}");
        Assert.True(maxAbs > 0.1, "the reference output should not be trivially zero");
        Assert.True(maxDiff <= 1e-4 * (1 + maxAbs), $"max difference {maxDiff} (outputs up to {maxAbs})");
    }

    [Fact]
    public void Runs_at_a_smaller_resolution_and_its_last_block_alone()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        using var module = new OnnxGraphModule(TestData.ResNet18.Value);
        module.eval();
        var relus = module.OutputsOf("Relu");
        string cut = relus[^5]; // the output of the third-last residual block: the last two blocks follow
        using (no_grad())
        using (var x = rand(1, 3, 96, 96) * 100)
        using (var full = module.forward(x))
        using (var middle = module.Run(module.InputName, x, cut))
        using (var rest = module.Run(cut, middle, module.OutputName))
        {
            Assert.Equal([1L, 512, 1, 1], full.shape);
            Assert.True(full.allclose(rest, rtol: 1e-5, atol: 1e-5));
        }

        long tail = module.ParametersAfter(cut).Sum(p => p.numel());
        long all = module.parameters().Sum(p => p.numel());
        Assert.InRange(tail, all / 2, all - 1); // the last two 512-channel blocks hold most of the weights, not all
    }

    [Fact]
    public void Gemm_matmul_flatten_concat_and_reshape_match_onnxruntime()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        byte[] bytes = OnnxFixture.Build(seed: 4);
        var input = new float[32];
        new Numerics.SeededRandom(5).FillUniform(input, -2, 2);
        using var module = new OnnxGraphModule(OnnxModel.Parse(bytes));
        module.eval();
        float[] ours;
        using (no_grad())
        using (var x = tensor(input, [1, 2, 4, 4]))
        using (var y = module.forward(x))
        {
            Assert.Equal([2L, 5], y.shape);
            ours = y.data<float>().ToArray();
        }

        using var session = new InferenceSession(bytes);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("X", new DenseTensor<float>(input, [1, 2, 4, 4]))]);
        float[] reference = results.Single().AsEnumerable<float>().ToArray();
        log.WriteLine($"max |ours − onnxruntime| = {ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max():E2}");
        Assert.Equal(reference.Length, ours.Length);
        Assert.All(ours.Zip(reference), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5f * (1 + Math.Abs(p.Second)), $"{p.First} vs {p.Second}"));
        Assert.Equal(3 * 2 * 9 + 3 + 60 + 5 + 60, module.parameters().Sum(p => p.numel())); // conv, Gemm and MatMul became trainable
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused_by_name()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scrawl-not-onnx-{Environment.ProcessId}.onnx");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0x01, 0x02]);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
