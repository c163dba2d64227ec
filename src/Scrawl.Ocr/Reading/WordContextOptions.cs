namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="WordContextDecoder"/>; probabilities and log-odds in natural-log units.</summary>
public sealed record WordContextOptions
{
    /// <summary>Probability (in (0, 0.5]) that the kind changes between neighbouring characters inside a word ("B2", "4TH"); small: words are letters or digits.</summary>
    public double SwitchProbability { get; init; } = 0.01;

    /// <summary>Switch probability (in (0, 0.5]) between neighbouring one-character words of a run ("A B C", "1 2 3"): such runs are mostly of one kind.</summary>
    public double RunSwitchProbability { get; init; } = 0.05;

    /// <summary>Smallest probability (in (0, 1)) used inside logarithms, so a model's hard zeros stay comparable.</summary>
    public double Floor { get; init; } = 1e-6;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(SwitchProbability is > 0 and <= 0.5, nameof(SwitchProbability), SwitchProbability);
        Check(RunSwitchProbability is > 0 and <= 0.5, nameof(RunSwitchProbability), RunSwitchProbability);
        Check(Floor is > 0 and < 1, nameof(Floor), Floor);
    }

    private static void Check(bool ok, string name, double value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is out of range; see its documentation.");
        }
    }
}
