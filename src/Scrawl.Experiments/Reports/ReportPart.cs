using Scrawl.Data;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Reports;

/// <summary>
/// One part of <c>scrawl report</c> (e.g. the seed's studies; later the deep-learning and OCR studies): the commands
/// it needs run (or collected) and the sections it adds to the page. Register a new part in <see cref="StudyReport"/>.
/// </summary>
internal interface IReportPart
{
    /// <summary>The commands this part needs, in the order they run; stage names must be unique across parts.</summary>
    IEnumerable<ReportStagePlan> Plan(ReportContext context);

    /// <summary>Adds this part's sections, reading what its stages left (by stage name) in their run folders.</summary>
    void AddSections(ReportDocument document, ReportContext context, IReadOnlyDictionary<string, ReportStage> stages);
}

/// <summary>
/// A command the report runs in-process: its name (for progress lines and logs), the epoch lines it prints (0: none),
/// its arguments (without <c>./scrawl</c>), its run folder, and whether that folder already holds a matching run to collect.
/// </summary>
/// <param name="Name">The stage's name, unique in a report.</param>
/// <param name="Epochs">Epoch lines the command prints (≥ 0).</param>
/// <param name="Args">The command's arguments, without <c>./scrawl</c>.</param>
/// <param name="Folder">The stage's run folder.</param>
/// <param name="AlreadyDone">True when the folder already holds a run with the same settings (collected, not rerun).</param>
public sealed record ReportStagePlan(string Name, int Epochs, string[] Args, string Folder, Func<bool> AlreadyDone);

/// <summary>What every part sees: the report's settings and the loaded data.</summary>
/// <param name="Settings">The report's settings.</param>
/// <param name="Splits">The report's data.</param>
internal sealed record ReportContext(ReportSettings Settings, DatasetSplits Splits);
