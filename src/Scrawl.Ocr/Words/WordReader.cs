using Scrawl.Imaging;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Inference;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Words;

/// <summary>One character of a word read by the <see cref="WordReader"/>.</summary>
/// <param name="Probabilities">The class probabilities (the reader's classes without the blank, summing to 1) at the character's surest step.</param>
/// <param name="Left">The first mask column of the character's span (≥ 0).</param>
/// <param name="Right">One past its last column (&gt; Left).</param>
public sealed record WordCharacter(float[] Probabilities, int Left, int Right);

/// <summary>
/// Reads a whole word's ink at once (issue #16's alternative to segmentation by recognition): a convolutional network over the word's frame
/// (<see cref="WordCrops"/>) gives class probabilities every 4 pixels across, trained with CTC on composed words (<see cref="WordReaderData"/>),
/// so letters that touch or overlap need no cut. Decoding takes the most likely class at each step, merges repeats and drops blanks
/// (best path); each character spans from halfway after its predecessor's steps to halfway before its successor's, mapped back to mask columns.
/// </summary>
public sealed class WordReader
{
    /// <summary>The shipped word reader's file name, next to the character model.</summary>
    public const string FileName = "wordreader.scrawl";

    /// <summary>The name of the blank class, first among a word reader's classes.</summary>
    public const string Blank = "-";

    private readonly Sequential _network;
    private readonly InferencePlan? _plan;

    /// <summary>Wraps a trained model whose first class is <see cref="Blank"/> (else an <see cref="ArgumentException"/>) and whose output is classes × <see cref="WordReaderNetwork.Steps"/>.</summary>
    public WordReader(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = ClassifierMetadata.Read(model.Metadata, "word reader").Classes;
        if (names.Count < 2 || names[0] != Blank || model.Network.OutputFeatures != names.Count * WordReaderNetwork.Steps
            || model.Network.InputFeatures != WordCrops.Height * WordCrops.Width)
        {
            throw new ArgumentException($"Not a word reader: it needs the blank '{Blank}' first among its classes, {WordCrops.Height}×{WordCrops.Width} inputs and classes × {WordReaderNetwork.Steps} outputs.", nameof(model));
        }

        _network = model.Network;
        _network.SetTraining(false);
        _plan = InferencePlan.TryCreate(_network);
        ClassNames = [.. names.Skip(1)];
    }

    /// <summary>The classes a character can be (the blank left out), in the order of <see cref="WordCharacter.Probabilities"/>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Opens the word reader at <paramref name="path"/>; a missing or malformed file is an error naming it.</summary>
    public static WordReader Open(string path)
    {
        try
        {
            return new WordReader(ModelFile.Load(path));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Each word's characters, read from its ink mask (any size; a mask without ink reads as no characters), in one batch.</summary>
    public WordCharacter[][] Read(IReadOnlyList<BinaryImage> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return [];
        }

        int frame = WordCrops.Height * WordCrops.Width;
        var inputs = new Tensor(words.Count, frame);
        Parallel.For(0, words.Count, i => WordCrops.Prepare(words[i], inputs.Row(i)));
        // The fused plan takes each core's words through the network in small blocks with scratch it keeps: far less fresh memory than
        // the layers one by one (whose page faults were most of the reader's time in a fresh process), the same values.
        var logits = _plan?.Predict(inputs) ?? _network.Predict(inputs, chunk: 32);
        var result = new WordCharacter[words.Count][];
        for (int i = 0; i < words.Count; i++)
        {
            var box = WordCrops.InkBox(words[i]);
            result[i] = box is { } b ? Decode(logits.Row(i), ClassNames.Count + 1, b) : [];
        }

        return result;
    }

    /// <summary>Best-path decoding of one word's class-major logits (<paramref name="classes"/> ≥ 2, the blank first, × <see cref="WordReaderNetwork.Steps"/>); spans in the columns of the mask whose ink box is <paramref name="ink"/>.</summary>
    public static WordCharacter[] Decode(ReadOnlySpan<float> logits, int classes, PixelBox ink)
    {
        int steps = WordReaderNetwork.Steps;
        var p = new float[classes * steps];
        var best = new int[steps];
        for (int t = 0; t < steps; t++)
        {
            float max = float.NegativeInfinity, sum = 0;
            for (int k = 0; k < classes; k++)
            {
                max = Math.Max(max, logits[(k * steps) + t]);
            }

            for (int k = 0; k < classes; k++)
            {
                sum += p[(k * steps) + t] = MathF.Exp(logits[(k * steps) + t] - max);
            }

            for (int k = 0; k < classes; k++)
            {
                p[(k * steps) + t] /= sum;
                best[t] = p[(k * steps) + t] > p[(best[t] * steps) + t] ? k : best[t];
            }
        }

        // Runs of one non-blank class are one character; its surest step gives its probabilities.
        var runs = new List<(int Class, int First, int Last, int Surest)>();
        for (int t = 0; t < steps; t++)
        {
            if (best[t] == 0)
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].Class == best[t] && runs[^1].Last == t - 1)
            {
                var r = runs[^1];
                runs[^1] = (r.Class, r.First, t, p[(r.Class * steps) + t] > p[(r.Class * steps) + r.Surest] ? t : r.Surest);
            }
            else
            {
                runs.Add((best[t], t, t, t));
            }
        }

        double scale = WordCrops.ScaleAcross(ink.Height, ink.Width);
        int Column(double step) => Math.Clamp(ink.Left + (int)Math.Round(((step * 4) - WordCrops.Margin) / scale), ink.Left, ink.Right);
        var result = new WordCharacter[runs.Count];
        for (int j = 0; j < runs.Count; j++)
        {
            var (c, first, last, surest) = runs[j];
            var probabilities = new float[classes - 1];
            float total = 0;
            for (int k = 1; k < classes; k++)
            {
                total += probabilities[k - 1] = p[(k * steps) + surest];
            }

            for (int k = 0; k < probabilities.Length; k++)
            {
                probabilities[k] /= total;
            }

            int left = j == 0 ? ink.Left : Column((runs[j - 1].Last + 1 + first) / 2.0);
            int right = j == runs.Count - 1 ? ink.Right : Column((last + 1 + runs[j + 1].First) / 2.0);
            result[j] = new WordCharacter(probabilities, left, Math.Max(left + 1, right));
        }

        return result;
    }
}
