namespace Scrawl.Reading;

/// <summary>
/// The decoded photo's pixel array, kept from one photo to the next. A reader decodes photo after photo, often all of one size (one
/// camera), and a fresh array for a 1.7–2.8-megapixel grey photo costs a page fault per 4 KiB the first time it is written (≈ 12 µs
/// each on a VM, ≈ 15 ms a photo), where a reused one costs nothing. One slot: <see cref="Take"/> hands out the kept array when it has
/// exactly the length asked for, else a new one; <see cref="Keep"/> keeps an array for the next photo once nothing refers to it any more.
/// Thread-safe: a photo read while another holds the array simply gets a new one.
/// </summary>
internal sealed class PhotoBuffer
{
    private float[]? _kept;

    /// <summary>An array of exactly <paramref name="length"/> (≥ 0) values: the kept one when it fits (contents: the last photo's), else a new one.</summary>
    public float[] Take(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var kept = Interlocked.Exchange(ref _kept, null);
        return kept is not null && kept.Length == length ? kept : new float[length];
    }

    /// <summary>Keeps <paramref name="pixels"/> for the next <see cref="Take"/>, in place of whatever was kept; the caller must not use it afterwards.</summary>
    public void Keep(float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        Volatile.Write(ref _kept, pixels);
    }
}
