namespace Scrawl.Deep.Training;

/// <summary>The settings of a <c>deep train</c> run; a checkpoint resumes only with the same ones (epochs may grow).</summary>
/// <param name="Model">"mlp" or "cnn".</param>
/// <param name="Data">The data's catalog name or path (recorded, compared on resume).</param>
/// <param name="Epochs">Epochs to train, ≥ 1.</param>
/// <param name="Optimizer">"sgd" (momentum 0.9) or "adam".</param>
/// <param name="Schedule">"none", "cosine" (to 0 over the run) or "step" (×0.1 after each third of the run).</param>
/// <param name="LearningRate">Initial learning rate, &gt; 0.</param>
/// <param name="Batch">Batch size, ≥ 1.</param>
/// <param name="Seed">Seed of the weights, shuffling and dropout (any value).</param>
/// <param name="Hidden">MLP hidden units, or twice the CNN's base width; ≥ 2.</param>
/// <param name="Augment">Training-batch augmentation: one of <see cref="BatchAugmentation.Names"/>.</param>
/// <param name="LabelSmoothing">Label smoothing ε of the loss, in [0, 1).</param>
/// <param name="CoarseData">Data labelled with letter case merged (e.g. <c>emnist-more36</c>) trained alongside with partial labels, or "".</param>
public sealed record DeepTrainOptions(string Model, string Data, int Epochs, string Optimizer, string Schedule, double LearningRate, int Batch, long Seed, int Hidden = 64, string Augment = "none",
    double LabelSmoothing = 0, string CoarseData = "")
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range (the model name only when <paramref name="checkModel"/>).</summary>
    public void Validate(bool checkModel = true)
    {
        if (Epochs < 1 || Batch < 1 || Hidden < 2 || !(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentException("--epochs and --batch must be ≥ 1, --hidden ≥ 2 and --lr a finite number > 0.");
        }

        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
        {
            throw new ArgumentException($"--label-smoothing must lie in [0, 1), got {LabelSmoothing}.");
        }

        if (Optimizer is not ("sgd" or "adam"))
        {
            throw new ArgumentException($"--optimizer must be sgd or adam, got '{Optimizer}'.");
        }

        if (Schedule is not ("none" or "cosine" or "step"))
        {
            throw new ArgumentException($"--schedule must be none, cosine or step, got '{Schedule}'.");
        }

        if (!BatchAugmentation.Names.Contains(Augment))
        {
            throw new ArgumentException($"--augment must be one of {string.Join(", ", BatchAugmentation.Names)}, got '{Augment}'.");
        }

        if (checkModel && !Models.ModelFactory.Names.Contains(Model))
        {
            throw new ArgumentException($"--model must be one of {string.Join(", ", Models.ModelFactory.Names)}, got '{Model}'.");
        }
    }

    /// <summary>The learning rate of 0-based <paramref name="epoch"/> under <see cref="Schedule"/>.</summary>
    public double RateAt(int epoch) => Schedule switch
    {
        "cosine" => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / Epochs)),
        "step" => LearningRate * Math.Pow(0.1, epoch / Math.Max(1, (Epochs + 2) / 3)),
        _ => LearningRate,
    };
}

/// <summary>One finished epoch: mean loss and accuracy per split (NaN for a split the data lacks), the rate used, wall seconds.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's training batches (train mode).</param>
/// <param name="TrainAccuracy">Accuracy over the epoch's training batches, in [0, 1].</param>
/// <param name="ValidLoss">Mean cross-entropy on the validation split (eval mode), or NaN.</param>
/// <param name="ValidAccuracy">Validation accuracy in [0, 1], or NaN.</param>
/// <param name="TestLoss">Mean cross-entropy on the test split, or NaN.</param>
/// <param name="TestAccuracy">Test accuracy in [0, 1], or NaN.</param>
/// <param name="LearningRate">The learning rate of this epoch.</param>
/// <param name="Seconds">Wall seconds of the epoch (training and evaluation).</param>
public sealed record DeepEpoch(int Epoch, double TrainLoss, double TrainAccuracy, double ValidLoss, double ValidAccuracy, double TestLoss, double TestAccuracy, double LearningRate, double Seconds);
