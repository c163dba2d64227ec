namespace Scrawl.Experiments.Reports;

/// <summary>What the report runs; the run folders live under <see cref="Runs"/> (as the user wrote it).</summary>
/// <param name="Data">Catalog name or path of the data.</param>
/// <param name="Seed">Seed of every run.</param>
/// <param name="Epochs">Classifier epochs (≥ 1).</param>
/// <param name="SweepEpochs">Epochs per learning-rate run (≥ 1).</param>
/// <param name="AutoencoderEpochs">Autoencoder epochs (≥ 1).</param>
/// <param name="Recipe">Autoencoder recipe name (lower case).</param>
/// <param name="Runs">Folder of the run folders and their logs.</param>
/// <param name="Fresh">Rerun every study even when its folder already holds a matching run.</param>
/// <param name="Quick">A smoke run (shorter deep studies).</param>
/// <param name="Deep">Also run (or collect) the TorchSharp studies.</param>
public sealed record ReportSettings(string Data, long Seed, int Epochs, int SweepEpochs, int AutoencoderEpochs, string Recipe, string Runs, bool Fresh, bool Quick = false, bool Deep = false)
{
    /// <summary>Character model files to score on their held-out real data (<c>--charmodels</c>: the shipped models); empty by default.</summary>
    public IReadOnlyList<string> CharModelFiles { get; init; } = [];

    /// <summary>EMNIST run folders to collect besides those under <see cref="Runs"/>/emnist (<c>--emnist-run</c>); null leaves the EMNIST part out (<c>--emnist</c> turns it on).</summary>
    public IReadOnlyList<string>? EmnistRuns { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> unless every epoch count is ≥ 1.</summary>
    public void Validate()
    {
        if (Epochs < 1 || SweepEpochs < 1 || AutoencoderEpochs < 1)
        {
            throw new ArgumentException("--epochs, --sweep-epochs and --ae-epochs must be ≥ 1.");
        }
    }

    /// <summary>The arguments of the report command itself for these settings.</summary>
    public string[] CommandArgs() =>
    [
        "report", "--data", Data, "--seed", ReportFiles.Text(Seed), "--epochs", ReportFiles.Text(Epochs), "--sweep-epochs", ReportFiles.Text(SweepEpochs),
        "--ae-epochs", ReportFiles.Text(AutoencoderEpochs), "--recipe", Recipe, "--runs", Runs, .. Quick ? ["--quick"] : Array.Empty<string>(), .. Deep ? ["--deep"] : Array.Empty<string>(),
        .. CharModelFiles.Count > 0 ? ["--charmodels"] : Array.Empty<string>(),
        .. EmnistRuns is null ? Array.Empty<string>() : EmnistRuns.Count == 0 ? ["--emnist"] : EmnistRuns.SelectMany(r => new[] { "--emnist-run", r }),
    ];
}

/// <summary>One command the report ran or collected: its arguments, its run folder and its captured output (empty when collected).</summary>
/// <param name="Args">The command's arguments, without <c>./scrawl</c>.</param>
/// <param name="Folder">Its run folder.</param>
/// <param name="Collected">True when an earlier run was collected instead of running it.</param>
/// <param name="Output">What the command printed (empty when collected).</param>
public sealed record ReportStage(string[] Args, string Folder, bool Collected, string Output)
{
    /// <summary>The shell command that reproduces the stage.</summary>
    public string Command => ReportFiles.ShellCommand(Args);
}
