using System.Globalization;
using Scrawl.Data;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Reports;

/// <summary>
/// The report's plan and page: which commands its parts need (run or collected by the caller, in order) and, from the
/// stages they left, one document with every figure and table, each captioned with the command that reproduces it.
/// </summary>
public sealed class StudyReport
{
    private readonly ReportContext _context;
    private readonly IReportPart[] _parts;

    /// <summary>Plans the report for <paramref name="settings"/> on <paramref name="splits"/>; out-of-range settings are an <see cref="ArgumentException"/>.</summary>
    public StudyReport(ReportSettings settings, DatasetSplits splits)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(splits);
        settings.Validate();
        _context = new ReportContext(settings, splits);
        _parts = [new SeedStudiesReport(), .. settings.Deep ? [new DeepStudiesReport()] : Array.Empty<IReportPart>(), .. settings.CharModelFiles.Count > 0 ? [new CharModelReport()] : Array.Empty<IReportPart>(),
            .. settings.EmnistRuns is not null ? [new EmnistRunsReport()] : Array.Empty<IReportPart>()];
        Plans = [.. _parts.SelectMany(p => p.Plan(_context))];
    }

    /// <summary>The commands to run or collect, in order; stage names are unique.</summary>
    public IReadOnlyList<ReportStagePlan> Plans { get; }

    /// <summary>The page, from the stages every plan left (by stage name); <see cref="InvalidDataException"/> naming a missing or bad run file.</summary>
    public ReportDocument Build(IReadOnlyDictionary<string, ReportStage> stages)
    {
        var s = _context.Settings;
        var splits = _context.Splits;
        var document = new ReportDocument($"Scrawl report: {splits.Name}", string.Create(CultureInfo.InvariantCulture,
            $"Data {splits.Name} ({splits.Train.Height}×{splits.Train.Width}×{splits.Train.Channels}, {splits.Train.ClassNames.Count} classes; train {splits.Train.Count:N0}, valid {splits.Valid?.Count ?? 0:N0}, test {splits.Test?.Count ?? 0:N0}), seed {s.Seed}. Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by {ReportFiles.ShellCommand(s.CommandArgs())}. Every figure and table names the command that reproduces it."));
        foreach (var part in _parts)
        {
            part.AddSections(document, _context, stages);
        }

        return document;
    }
}
