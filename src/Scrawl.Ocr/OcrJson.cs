using System.Text.Json.Serialization;
using Scrawl.Ocr.Training;

namespace Scrawl.Ocr;

/// <summary>
/// The JSON this assembly writes, generated at compile time: no reflection, so it works trimmed and compiled ahead of time
/// (NativeAOT), and costs no start-up for converters built at run time.
/// </summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(CharModelManifest))]
internal sealed partial class OcrJson : JsonSerializerContext;
