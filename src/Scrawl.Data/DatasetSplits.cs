namespace Scrawl.Data;

/// <summary>A data set's train / validation / test parts (validation and test may be absent).</summary>
/// <param name="Name">The data set's name, e.g. "nist36".</param>
/// <param name="Train">Training images.</param>
/// <param name="Valid">Validation images, or null.</param>
/// <param name="Test">Test images, or null.</param>
public sealed record DatasetSplits(string Name, ImageSet Train, ImageSet? Valid, ImageSet? Test)
{
    /// <summary>The parts that exist, with their names ("train", "valid", "test").</summary>
    public IEnumerable<(string Split, ImageSet Set)> Parts()
    {
        yield return ("train", Train);
        if (Valid is not null)
        {
            yield return ("valid", Valid);
        }

        if (Test is not null)
        {
            yield return ("test", Test);
        }
    }
}
