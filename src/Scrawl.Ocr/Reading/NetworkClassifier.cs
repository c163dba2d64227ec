using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Inference;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;

namespace Scrawl.Ocr;

/// <summary>
/// A <see cref="ICharacterClassifier"/> over one of our networks: all crops of a call (rows in the model's
/// <see cref="CropConvention"/>) go through the network in one call — its fused <see cref="InferencePlan"/> (both cores,
/// the same values as the layers one by one) when the plan covers its layers, else <see cref="Sequential.Predict"/> —
/// then the model's head turns the outputs into probabilities (softmax of logits, normalised sigmoids, or outputs used
/// as given). The input batch is reused between calls; not safe for concurrent calls (one classifier per worker).
/// </summary>
public sealed class NetworkClassifier : ICharacterClassifier
{
    private readonly Sequential _network;
    private readonly InferencePlan? _plan;
    private readonly string _head;
    private readonly Tensor _batch = new(1, Side * Side);

    /// <summary>
    /// A classifier over <paramref name="network"/> (input 32×32 = 1024 features, one output per class name),
    /// with <paramref name="classNames"/> in output order, the <see cref="ModelHead"/> <paramref name="head"/> and
    /// the model's input <paramref name="convention"/>.
    /// </summary>
    public NetworkClassifier(Sequential network, IReadOnlyList<string> classNames, string head, CropConvention convention)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(classNames);
        if (!ModelHead.IsKnown(head))
        {
            throw new ArgumentException($"Unknown model head '{head}' (known: {string.Join(", ", ModelHead.All)}).", nameof(head));
        }

        if (network.InputFeatures != Side * Side)
        {
            throw new ArgumentException($"A character model takes {Side}×{Side} = {Side * Side} inputs; this one takes {network.InputFeatures}.", nameof(network));
        }

        if (classNames.Count == 0 || classNames.Count != network.OutputFeatures)
        {
            throw new ArgumentException($"The model has {network.OutputFeatures} outputs but {classNames.Count} class names.", nameof(classNames));
        }

        _network = network;
        _head = head;
        ClassNames = classNames;
        Convention = convention;
        network.SetTraining(false);
        _plan = InferencePlan.TryCreate(network);
    }

    /// <summary>The crop side the networks take (32).</summary>
    public const int Side = Nist36Layout.Side;

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The input convention crops are converted to.</summary>
    public CropConvention Convention { get; }

    /// <summary>
    /// The model's calibration temperature (finite, &gt; 0; null or 1: none): each row of probabilities p becomes p^(1/T), renormalised
    /// (<see cref="ConfidenceCalibration.WithTemperature"/>, for a softmax head the same as dividing the logits by T). The ranking of
    /// classes, so the text read, does not change; the confidences do.
    /// </summary>
    public double? Temperature
    {
        get => _temperature;
        init
        {
            if (value is { } t && !(double.IsFinite(t) && t > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), t, "The temperature must be a finite number > 0.");
            }

            _temperature = value;
        }
    }

    private readonly double? _temperature;

    /// <inheritdoc/>
    public float[][] Classify(IReadOnlyList<FloatImage> crops)
    {
        ArgumentNullException.ThrowIfNull(crops);
        if (crops.Count == 0)
        {
            return [];
        }

        var batch = _batch.Resize(crops.Count, Side * Side);
        for (int i = 0; i < crops.Count; i++)
        {
            var crop = crops[i];
            if (crop.Channels != 1 || crop.Height != Side || crop.Width != Side)
            {
                throw new ArgumentException($"Crop {i} is {crop.Height}×{crop.Width}×{crop.Channels}; the classifier takes {Side}×{Side} grey crops.", nameof(crops));
            }

            if (Convention == CropConvention.Nist36)
            {
                Nist36Layout.Convert(crop.Pixels, batch.Row(i));
            }
            else
            {
                crop.Pixels.CopyTo(batch.Row(i));
            }
        }

        var output = _plan?.Predict(batch) ?? _network.Predict(batch); // one pass over the page
        var result = new float[crops.Count][];
        for (int i = 0; i < crops.Count; i++)
        {
            result[i] = Probabilities(output.Row(i), _head);
            if (_temperature is { } t && t != 1)
            {
                result[i] = ConfidenceCalibration.WithTemperature(result[i], t);
            }
        }

        return result;
    }

    /// <summary>Probabilities from one output row under a head: softmax of logits, sigmoid then normalised, or identity (normalised; a row that is not a distribution gets a softmax).</summary>
    internal static float[] Probabilities(ReadOnlySpan<float> outputs, string head)
    {
        var p = new float[outputs.Length];
        switch (head)
        {
            case ModelHead.Softmax:
                System.Numerics.Tensors.TensorPrimitives.SoftMax(outputs, p);
                return p;
            case ModelHead.Sigmoid:
                System.Numerics.Tensors.TensorPrimitives.Sigmoid(outputs, p);
                break;
            default:
                outputs.CopyTo(p);
                if (System.Numerics.Tensors.TensorPrimitives.Min(outputs) < 0)
                {
                    System.Numerics.Tensors.TensorPrimitives.SoftMax(outputs, p);
                    return p;
                }

                break;
        }

        float sum = System.Numerics.Tensors.TensorPrimitives.Sum(p);
        if (sum > 0 && float.IsFinite(sum))
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(p, sum, p);
        }
        else
        {
            p.AsSpan().Fill(1f / p.Length);
        }

        return p;
    }
}
