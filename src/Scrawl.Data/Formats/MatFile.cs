using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Scrawl.Data.Formats;

/// <summary>
/// The real numeric variables of a MATLAB 5.0 (MAT v5) file, as written by MATLAB (-v6, -v7) or
/// <c>scipy.io.savemat</c>: little- or big-endian, plain or zlib-compressed (miCOMPRESSED) elements,
/// classes double … uint64 stored in any numeric type, read into row-major float64 <see cref="MatArray"/>s.
/// Cell, struct, char, sparse, object and complex variables are skipped and listed in <see cref="Skipped"/>;
/// <see cref="Get"/> names the reason. Damaged files give an <see cref="InvalidDataException"/>
/// naming the source and byte offset; claimed sizes are checked before anything that size is allocated.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "A MAT file is its set of variables; 'MatFile' is the name users look for.")]
public sealed class MatFile : IReadOnlyDictionary<string, MatArray>
{
    /// <summary>Size of the MAT v5 file header in bytes (128).</summary>
    public const int HeaderBytes = 128;

    private readonly Dictionary<string, MatArray> _arrays;
    private readonly Dictionary<string, string> _skipped;

    internal MatFile(string sourceName, string headerText, Dictionary<string, MatArray> arrays, Dictionary<string, string> skipped)
    {
        SourceName = sourceName;
        HeaderText = headerText;
        _arrays = arrays;
        _skipped = skipped;
    }

    /// <summary>Reads the MAT v5 file at <paramref name="path"/> (up to 2 GiB); errors name the path.</summary>
    public static MatFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads a MAT v5 file from the rest of <paramref name="stream"/>; <paramref name="sourceName"/> prefixes error messages.</summary>
    public static MatFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return MatParser.Parse(MatStreams.ReadAll(stream, sourceName), sourceName);
    }

    /// <summary>The path or name the file was read from (used in messages).</summary>
    public string SourceName { get; }

    /// <summary>The descriptive text at the start of the header, e.g. "MATLAB 5.0 MAT-file, Platform: …".</summary>
    public string HeaderText { get; }

    /// <summary>Variables that were not read, name → why (e.g. "… is a cell array; only real numeric arrays are supported").</summary>
    public IReadOnlyDictionary<string, string> Skipped => _skipped;

    /// <summary>The numeric variable <paramref name="name"/>; an <see cref="InvalidDataException"/> says why if it is absent or was skipped.</summary>
    public MatArray Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_arrays.TryGetValue(name, out var array))
        {
            return array;
        }

        if (_skipped.TryGetValue(name, out string? why))
        {
            throw new InvalidDataException($"{SourceName}: {why}.");
        }

        string have = _arrays.Count == 0 ? "none" : string.Join(", ", _arrays.Keys.Order(StringComparer.Ordinal));
        throw new InvalidDataException($"{SourceName}: there is no variable '{name}' (numeric variables: {have}).");
    }

    /// <summary>Number of numeric variables read.</summary>
    public int Count => _arrays.Count;

    /// <summary>Names of the numeric variables.</summary>
    public IEnumerable<string> Keys => _arrays.Keys;

    /// <summary>The numeric variables.</summary>
    public IEnumerable<MatArray> Values => _arrays.Values;

    /// <summary>The numeric variable <paramref name="key"/> (KeyNotFoundException if absent; see <see cref="Get"/> for a reasoned error).</summary>
    public MatArray this[string key] => _arrays[key];

    /// <summary>True if a numeric variable <paramref name="key"/> was read.</summary>
    public bool ContainsKey(string key) => _arrays.ContainsKey(key);

    /// <summary>Looks up a numeric variable by name.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out MatArray value) => _arrays.TryGetValue(key, out value);

    /// <summary>Enumerates name → numeric variable.</summary>
    public IEnumerator<KeyValuePair<string, MatArray>> GetEnumerator() => _arrays.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
