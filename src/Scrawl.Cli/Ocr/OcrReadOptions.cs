using System.CommandLine;
using System.Globalization;
using Scrawl.Reading;
using Scrawl.Reading.Characters;
using Scrawl.Reading.Formats;

namespace Scrawl.Cli.Ocr;

/// <summary>--format, --json, --chars, --user-words and --min-conf of <c>scrawl ocr</c> (fresh options for each command tree), and their parsing.</summary>
internal sealed class OcrReadOptions
{
    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public OcrReadOptions(Command command)
    {
        command.Add(Format);
        command.Add(Json);
        command.Add(Chars);
        command.Add(UserWords);
        command.Add(MinConf);
        command.Add(Case);
        command.Add(Recognition);
        command.Add(Words);
    }

    /// <summary>The --recognition option every reading command takes (fresh for each command): segmentation by recognition with the shipped segment check (opt-in).</summary>
    public static Option<bool> RecognitionOption() => new("--recognition")
    {
        Description = "Segment by recognition: cut blobs of touching letters and join broken ones where the classifier and the shipped segment check read better (opt-in; see the README's Touching letters)",
    };

    /// <summary>The --whole-words option every reading command takes (fresh for each command): every word read again whole by the shipped word reader (on by default for capitals).</summary>
    public static Option<bool> WordsOption() => new("--whole-words")
    {
        Description = "Read every word again whole with the shipped word reader (a CTC network, models/wordreader.scrawl): it counts touching letters and cuts blobs the segment check doubts. On by default with --case upper when the word reader fits the model; --whole-words false reads the finder's characters only (see the README's Touching letters)",
    };

    /// <summary>The value of the bool option <paramref name="option"/> when it was given on the command line, else null (the default applies).</summary>
    public static bool? Given(ParseResult r, Option<bool> option) => r.GetResult(option) is { Implicit: false } ? r.GetValue(option) : null;

    /// <summary>--whole-words.</summary>
    public Option<bool> Words { get; } = WordsOption();

    /// <summary>--recognition.</summary>
    public Option<bool> Recognition { get; } = RecognitionOption();

    /// <summary>The --case option every reading command takes (fresh for each command).</summary>
    public static Option<string> CaseOption() => new("--case")
    {
        Description = "Letter case: upper (capitals and digits, the shipped capitals model; default), mixed (upper and lower case: the shipped mixed-case model, line geometry and word case) or auto (mixed, but a page that reads as capitals is read with the capitals model)",
        HelpName = "upper|mixed|auto",
        DefaultValueFactory = _ => "upper",
    };

    /// <summary>The letter case.</summary>
    public Option<string> Case { get; } = CaseOption();

    /// <summary>The letter case named by <paramref name="name"/>; a usage error naming --case otherwise.</summary>
    public static LetterCase ParseCase(string? name)
    {
        try
        {
            return LetterCases.Parse(name ?? "upper");
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--case: {e.Message}");
        }
    }

    /// <summary>The output format.</summary>
    public Option<string?> Format { get; } = new("--format")
    {
        Description = "Output format: txt (default; one line per text line), json, tsv (Tesseract's columns), hocr (hOCR 1.2), alto (ALTO 4.4), page (PAGE XML 2019); with --out DIR one NAME.EXT per image (txt, json, tsv, hocr, alto.xml, page.xml)",
        HelpName = "txt|json|tsv|hocr|alto|page",
    };

    /// <summary>The same as --format json.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "The same as --format json: lines, words and characters with boxes, confidences and each character's top-3 alternatives" };

    /// <summary>The allowed characters.</summary>
    public Option<string?> Chars { get; } = new("--chars")
    {
        Description = "Write only these characters: digits, letters, alnum, or the characters themselves (e.g. \"0123456789ABCDEF\"); the classifier's probabilities are masked and renormalised, so nothing else is ever written",
        HelpName = "digits|letters|alnum|CHARS",
    };

    /// <summary>The user's words.</summary>
    public Option<string?> UserWords { get; } = new("--user-words")
    {
        Description = "A file of words, one a line: a read word snaps to the entry of the same length its character probabilities favour when that entry's probability is at least 1/100 of the most probable reading's",
        HelpName = "FILE",
    };

    /// <summary>The confidence floor.</summary>
    public Option<double> MinConf { get; } = new("--min-conf") { Description = "Write ? for characters whose confidence is below P (0–1; default 0: never)", HelpName = "P" };

    /// <summary>The format chosen: --format, or json for --json; a usage error when both disagree.</summary>
    public OutputFormat OutputFormat(ParseResult r)
    {
        string? name = r.GetValue(Format);
        bool json = r.GetValue(Json);
        OutputFormat format;
        try
        {
            format = name is null ? (json ? Reading.Formats.OutputFormat.Json : Reading.Formats.OutputFormat.Text) : OutputFormats.Parse(name);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }

        return json && format != Reading.Formats.OutputFormat.Json
            ? throw new CliException($"--json and --format {name} disagree: give one of them.")
            : format;
    }

    /// <summary>The character options: the set as given, the user words loaded from their file (errors name it), the confidence floor checked.</summary>
    public CharacterOptions Characters(ParseResult r)
    {
        double floor = r.GetValue(MinConf);
        if (!(floor is >= 0 and <= 1))
        {
            throw new CliException($"--min-conf {floor.ToString(CultureInfo.InvariantCulture)}: must be between 0 and 1.");
        }

        string? words = r.GetValue(UserWords);
        return new CharacterOptions
        {
            AllowedCharacters = r.GetValue(Chars),
            UserWords = words is null ? null : Reading.Characters.UserWords.Load(words),
            MinConfidence = floor,
        };
    }

    /// <summary>Opens the reader for <paramref name="model"/>; a character set the model cannot write is a usage error naming --chars.</summary>
    public static PhotoReader Open(string? model, CharacterOptions characters, LetterCase letterCase = LetterCase.Upper, bool recognition = false, bool? words = null)
    {
        if (words == true && letterCase != LetterCase.Upper)
        {
            throw new CliException("--whole-words reads capitals and digits: it cannot be used with --case mixed or auto.");
        }

        var options = recognition ? ModelLocator.RecognitionReading() : null;
        if (words == true)
        {
            options = (options ?? new Scrawl.Ocr.PageReadingOptions()) with { Words = ModelLocator.WordReading() };
        }
        else if (words == false)
        {
            options ??= new Scrawl.Ocr.PageReadingOptions(); // the finder's characters only
        }

        try
        {
            return PhotoReader.Open(model, options, characters, letterCase);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--chars: {e.Message}");
        }
    }
}
