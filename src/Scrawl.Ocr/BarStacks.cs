using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// A printed page seen too small to resolve its letters (a newspaper or a form beside the sheet) shows each text line as a
/// solid bar, and the character finder stacks bars one above the other into "characters" that read as Z, E or I. No capital or
/// digit is made of bars alone: a piece whose components are all horizontal bars — at least <see cref="MinBarAspect"/> times as
/// wide as tall, filling at least <see cref="MinBarFill"/> of their box — and at least <see cref="MinBars"/> of them is not
/// writing. (Handwritten E, Z and F join their bars with a stem or a diagonal stroke, which is no bar.) Pure.
/// </summary>
public static class BarStacks
{
    /// <summary>Fewest bars in a stack that is not writing.</summary>
    public const int MinBars = 3;

    /// <summary>How many times wider than tall a component must be to count as a bar.</summary>
    public const double MinBarAspect = 4;

    /// <summary>The least part of its box a bar fills.</summary>
    public const double MinBarFill = 0.6;

    /// <summary>True when the component <paramref name="region"/> is a solid horizontal bar.</summary>
    public static bool IsBar(RegionProperties region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.BoxWidth >= MinBarAspect * region.BoxHeight && region.FillFraction >= MinBarFill;
    }

    /// <summary>True when the piece made of <paramref name="members"/> is a stack of bars, not a character.</summary>
    public static bool IsStack(IReadOnlyCollection<RegionProperties> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.Count >= MinBars && members.All(IsBar);
    }
}
