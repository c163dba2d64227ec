using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Scrawl.Deep.Training;

/// <summary>
/// A class-prior correction fitted after training: one additive bias per class on the logits, chosen to minimise the mean
/// cross-entropy on held-back labelled data (the validation split, never the test split). When the training data's class
/// frequencies differ from the data read later (here: EMNIST byclass plus the case-merged more36, whose letters are drawn at other
/// rates), this moves each class's prior back (logit adjustment, Menon et al. 2021, fitted rather than computed).
/// Folded into the output layer's bias, so the model file and its readers stay as they are.
/// </summary>
public static class OutputBias
{
    /// <summary>The logits [N × classes] of <paramref name="model"/> (eval mode, no gradients) on <paramref name="images"/>, on the CPU.</summary>
    public static Tensor Logits(Module<Tensor, Tensor> model, Device device, Tensor images, int chunk = 512)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        model.eval();
        var parts = new List<Tensor>();
        using (no_grad())
        {
            for (long start = 0; start < images.shape[0]; start += chunk)
            {
                using var input = images.narrow(0, start, Math.Min(chunk, images.shape[0] - start)).to(device);
                using var output = model.forward(input);
                parts.Add(output.cpu().detach().clone());
            }
        }

        var all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    /// <summary>
    /// The bias b [classes] minimising mean cross-entropy of <paramref name="logits"/> + b against <paramref name="labels"/> (full-batch
    /// Adam, <paramref name="steps"/> ≥ 1 steps of rate 0.05 from b = 0; deterministic). The loss is convex in b.
    /// </summary>
    public static float[] Fit(Tensor logits, Tensor labels, int steps = 300)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var bias = new TorchSharp.Modules.Parameter(zeros(logits.shape[1]));
        using var optimizer = optim.Adam([bias], 0.05);
        using var fixedLogits = logits.detach();
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = functional.cross_entropy(fixedLogits.add(bias), labels);
            loss.backward();
            optimizer.step();
        }

        using var centred = bias.detach().sub(bias.detach().mean());
        return centred.data<float>().ToArray();
    }

    /// <summary>Adds <paramref name="bias"/> to the model's output bias: its last parameter, which must be a vector of the same length.</summary>
    public static void AddToOutput(Module<Tensor, Tensor> model, IReadOnlyList<float> bias)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(bias);
        var last = model.parameters().Last();
        if (last.dim() != 1 || last.shape[0] != bias.Count)
        {
            throw new ArgumentException($"The model's last parameter has shape [{string.Join(", ", last.shape)}], not the output bias [{bias.Count}].", nameof(model));
        }

        using (no_grad())
        {
            using var add = tensor(bias.ToArray()).to(last.device);
            last.add_(add);
        }
    }
}
