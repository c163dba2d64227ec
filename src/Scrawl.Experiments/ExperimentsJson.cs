using System.Text.Json.Serialization;
using Scrawl.Experiments.CharModel;
using Scrawl.Experiments.Training;
using Scrawl.NeuralNet.Training;
using Scrawl.Ocr.Training;

namespace Scrawl.Experiments;

/// <summary>
/// The JSON of run settings, recipes and scores (model metadata, score files), generated at compile time: no reflection, so it
/// works trimmed and compiled ahead of time (NativeAOT). Default options, as written before; see <see cref="HistoryJson"/> for histories.
/// </summary>
[JsonSerializable(typeof(TrainSettings))]
[JsonSerializable(typeof(CharModelRecipe))]
[JsonSerializable(typeof(SegmentCheckRecipe))]
[JsonSerializable(typeof(WordReaderRecipe))]
[JsonSerializable(typeof(HeldOutSummary))]
internal sealed partial class ExperimentsJson : JsonSerializerContext;

/// <summary>The JSON of training histories (history.json): indented, NaN and infinities allowed (a missing split's loss is NaN).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(IReadOnlyList<EpochMetrics>))]
[JsonSerializable(typeof(List<EpochMetrics>))]
internal sealed partial class HistoryJson : JsonSerializerContext;
