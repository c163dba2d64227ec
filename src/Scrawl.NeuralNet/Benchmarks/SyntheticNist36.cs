using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Benchmarks;

/// <summary>
/// A learnable stand-in with the NIST36 shape (36 classes, 32×32 = 1024 features in [0, 1]) for
/// benchmarks: each class has a smooth 40×40 prototype (0.6·a shared pattern + 0.4·a class
/// pattern, each Gaussian-blurred uniform noise, σ 2.5, rescaled to [0, 1]); a sample is a 32×32
/// crop at a random offset of ±3 px, times a contrast in [0.6, 1], plus a brightness offset in
/// [−0.1, 0.1] and pixel noise N(0, 0.3), clipped to [0, 1]. The recipe follows the Python
/// references' generator; the values differ (another RNG), the difficulty is the same.
/// </summary>
public static class SyntheticNist36
{
    private const int Side = 32;
    private const int Pad = 4;
    private const int Big = Side + (2 * Pad);

    /// <summary>Number of classes (36).</summary>
    public const int Classes = 36;

    /// <summary>Makes train and validation sets with the given samples per class (≥ 1) from a seed.</summary>
    public static (Tensor TrainX, int[] TrainY, Tensor ValidX, int[] ValidY) Generate(int trainPerClass = 300, int validPerClass = 100, long seed = 1234)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainPerClass, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(validPerClass, 1);
        var random = new SeededRandom(seed);
        float[] shared = SmoothNoise(random);
        var prototypes = new float[Classes][];
        for (int c = 0; c < Classes; c++)
        {
            float[] own = SmoothNoise(random);
            for (int i = 0; i < own.Length; i++)
            {
                own[i] = (0.6f * shared[i]) + (0.4f * own[i]);
            }

            Rescale(own);
            prototypes[c] = own;
        }

        var (tx, ty) = Sample(prototypes, trainPerClass, random);
        var (vx, vy) = Sample(prototypes, validPerClass, random);
        return (tx, ty, vx, vy);
    }

    private static (Tensor X, int[] Y) Sample(float[][] prototypes, int perClass, SeededRandom random)
    {
        int n = Classes * perClass;
        var x = new Tensor(n, Side * Side);
        var y = new int[n];
        int[] order = random.Permutation(n);
        for (int s = 0; s < n; s++)
        {
            int c = s / perClass;
            int row = order[s];
            y[row] = c;
            int oy = Pad - 3 + random.NextInt(7);
            int ox = Pad - 3 + random.NextInt(7);
            float contrast = (float)random.Uniform(0.6, 1.0);
            float offset = (float)random.Uniform(-0.1, 0.1);
            var dst = x.Row(row);
            for (int i = 0; i < Side; i++)
            {
                for (int j = 0; j < Side; j++)
                {
                    float v = (prototypes[c][((oy + i) * Big) + ox + j] * contrast) + offset + (float)(0.3 * random.NextNormal());
                    dst[(i * Side) + j] = Math.Clamp(v, 0f, 1f);
                }
            }
        }

        return (x, y);
    }

    private static float[] SmoothNoise(SeededRandom random)
    {
        var image = new float[Big * Big];
        random.FillUniform(image, 0f, 1f);
        return GaussianBlurWrap(image, Big, 2.5);
    }

    /// <summary>Separable Gaussian blur with wrap-around edges, kernel radius 4σ.</summary>
    private static float[] GaussianBlurWrap(float[] image, int side, double sigma)
    {
        int radius = (int)((4 * sigma) + 0.5);
        var kernel = new double[(2 * radius) + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }

        var tmp = new float[image.Length];
        var result = new float[image.Length];
        for (int pass = 0; pass < 2; pass++)
        {
            float[] src = pass == 0 ? image : tmp;
            float[] dst = pass == 0 ? tmp : result;
            for (int r = 0; r < side; r++)
            {
                for (int c = 0; c < side; c++)
                {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        int rr = pass == 0 ? r : Wrap(r + k, side);
                        int cc = pass == 0 ? Wrap(c + k, side) : c;
                        acc += kernel[k + radius] * src[(rr * side) + cc];
                    }

                    dst[(r * side) + c] = (float)(acc / sum);
                }
            }
        }

        return result;
    }

    private static int Wrap(int i, int n) => ((i % n) + n) % n;

    private static void Rescale(float[] values)
    {
        float lo = values.Min();
        float hi = values.Max();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] - lo) / (hi - lo);
        }
    }
}
