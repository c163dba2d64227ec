namespace Scrawl.Compression;

/// <summary>How the autoencoder is trained.</summary>
public enum AutoencoderRecipe
{
    /// <summary>The seed's recipe: SGD with momentum 0.9, gradients summed over the batch, constant lr (default 3e-5).</summary>
    Seed,

    /// <summary>Adam on mean-reduced gradients with a cosine learning-rate decay to zero (default lr 2e-3).</summary>
    Adam,

    /// <summary>
    /// SGD with momentum 0.9 on mean-reduced gradients with a cosine learning-rate decay to zero (default lr
    /// <see cref="AutoencoderOptions.TunedLearningRate"/>), the output bias starting at the logit of the training mean.
    /// </summary>
    Tuned,
}

/// <summary>Settings of an autoencoder training run; the defaults are the seed's (batch 36, lr 3e-5, 100 epochs).</summary>
public sealed record AutoencoderOptions
{
    /// <summary>The training recipe (optimizer, gradient reduction, schedule).</summary>
    public AutoencoderRecipe Recipe { get; init; } = AutoencoderRecipe.Seed;

    /// <summary>Passes over the training set (≥ 1).</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per batch (≥ 1).</summary>
    public int BatchSize { get; init; } = 36;

    /// <summary>Initial learning rate (finite, &gt; 0); null takes the recipe's default (seed 3e-5, adam 2e-3).</summary>
    public float? LearningRate { get; init; }

    /// <summary>Seed of the weight initialisation and the per-epoch shuffle (any value).</summary>
    public long Seed { get; init; }

    /// <summary>The learning rate actually used: <see cref="LearningRate"/> or the recipe's default.</summary>
    public float EffectiveLearningRate => LearningRate ?? Recipe switch
    {
        AutoencoderRecipe.Adam => 2e-3f,
        AutoencoderRecipe.Tuned => TunedLearningRate,
        _ => 3e-5f,
    };

    /// <summary>The tuned recipe's default initial learning rate (for mean-reduced gradients).</summary>
    public const float TunedLearningRate = 4e-3f;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (!Enum.IsDefined(Recipe))
        {
            throw new ArgumentOutOfRangeException(nameof(Recipe), Recipe, "Unknown recipe.");
        }

        if (LearningRate is { } lr && !(lr > 0 && float.IsFinite(lr)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), lr, "The learning rate must be a finite number > 0.");
        }
    }
}
