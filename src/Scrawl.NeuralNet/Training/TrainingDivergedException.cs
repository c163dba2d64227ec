namespace Scrawl.NeuralNet.Training;

/// <summary>Thrown when the training loss becomes NaN or infinite; names the epoch it happened in.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a 1-based epoch.</summary>
    public TrainingDivergedException(int epoch)
        : base($"Training diverged in epoch {epoch}: the loss became NaN or infinite (try a smaller learning rate or mean-reduced gradients).")
        => Epoch = epoch;

    /// <summary>Creates the exception with a custom message (epoch unknown: 0).</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and cause (epoch unknown: 0).</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (epoch unknown: 0).</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>The 1-based epoch whose loss was not finite (0 if unknown).</summary>
    public int Epoch { get; }
}
