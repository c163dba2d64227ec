using Scrawl.Data;
using Scrawl.Reporting;

namespace Scrawl.Cli.Commands;

/// <summary>
/// One part of <c>scrawl report</c> (e.g. the seed's studies; later the deep-learning and OCR studies): the commands
/// it needs run (or collected) and the sections it adds to the page. Register a new part in <see cref="ReportCommand"/>.
/// </summary>
internal interface IReportPart
{
    /// <summary>The commands this part needs, in the order they run; stage names must be unique across parts.</summary>
    IEnumerable<ReportStagePlan> Plan(ReportContext context);

    /// <summary>Adds this part's sections, reading what its stages left (by stage name) in their run folders.</summary>
    void AddSections(ReportDocument document, ReportContext context, IReadOnlyDictionary<string, ReportCommand.Stage> stages);
}

/// <summary>
/// A command the report runs in-process: its name (for progress lines and logs), the epoch lines it prints (0: none),
/// its arguments (without <c>./scrawl</c>), its run folder, and whether that folder already holds a matching run to collect.
/// </summary>
internal sealed record ReportStagePlan(string Name, int Epochs, string[] Args, string Folder, Func<bool> AlreadyDone);

/// <summary>What every part sees: the report's settings and the loaded data.</summary>
internal sealed record ReportContext(ReportCommand.Settings Settings, DatasetSplits Splits);
