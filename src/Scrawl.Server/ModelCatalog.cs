using Scrawl.Ocr;
using Scrawl.Reading;

namespace Scrawl.Server;

/// <summary>One model clients may choose: its name (what a request's <c>model</c> gives), the file it is loaded from and its classes.</summary>
/// <param name="Name">The file's name without its extension, e.g. <c>charmodel</c>.</param>
/// <param name="Path">The model file on the server (never shown to clients).</param>
/// <param name="ClassNames">The classes it writes, in the order of its probability vectors.</param>
internal sealed record ServedModel(string Name, string Path, IReadOnlyList<string> ClassNames)
{
    /// <summary>Whether the model has lower-case classes (so it can read with <c>case=mixed</c> or <c>auto</c>).</summary>
    public bool HasLowerCase => Ocr.Case.HeightKinds.HasLowerCase(ClassNames);
}

/// <summary>
/// The server-side list of models, fixed at start: clients choose among them by name and never give a path. Each worker opens its own
/// classifiers (<see cref="Open"/>), because a classifier serves one thread at a time.
/// </summary>
internal sealed class ModelCatalog
{
    private ModelCatalog(IReadOnlyList<ServedModel> models) => Models = models;

    /// <summary>The models, the default first.</summary>
    public IReadOnlyList<ServedModel> Models { get; }

    /// <summary>The default model (the first).</summary>
    public ServedModel Default => Models[0];

    /// <summary>
    /// The catalog of <paramref name="paths"/> (empty: the shipped capitals model, then the shipped mixed-case model when it is there), each opened once to check it and read its classes;
    /// <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming a model that cannot be used, <see cref="ArgumentException"/> for two models with one name.
    /// </summary>
    public static ModelCatalog Load(IReadOnlyList<string> paths)
    {
        string mixed = ModelLocator.ShippedModelPath(ModelLocator.ShippedMixedModelName);
        var files = paths.Count > 0 ? paths : File.Exists(mixed) ? [ModelLocator.ShippedModelPath(), mixed] : [ModelLocator.ShippedModelPath()];
        var models = new List<ServedModel>();
        foreach (string path in files)
        {
            string file = ModelLocator.IsDeep(path) ? path[ModelLocator.DeepPrefix.Length..] : path;
            string name = System.IO.Path.GetFileNameWithoutExtension(file);
            if (models.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"--model {path}: a model named '{name}' is already served; clients choose models by file name, so give files with different names.");
            }

            var classifier = ModelLocator.OpenClassifier(path);
            try
            {
                models.Add(new ServedModel(name, path, [.. classifier.ClassNames]));
            }
            finally
            {
                (classifier as IDisposable)?.Dispose();
            }
        }

        return new ModelCatalog(models);
    }

    /// <summary>The model called <paramref name="name"/> (case-insensitive; null: the default); <see cref="ApiException"/> 400 listing the names otherwise.</summary>
    public ServedModel Find(string? name)
    {
        if (name is null)
        {
            return Default;
        }

        return Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.BadRequest($"model '{name}': not served here; the models are {string.Join(", ", Models.Select(m => m.Name))} (GET /v1/info lists them).");
    }

    /// <summary>
    /// The model to read in <paramref name="letterCase"/> with, and for mixed and auto the capitals model beside it (the first served model
    /// without lower case; it decides which way up a page is, and auto re-reads pages written in capitals with it): <paramref name="name"/> when
    /// given (400 when it cannot read that case), else the first served model that can (the default for upper case); 400 saying how to
    /// start the server when none is served. Mixed reads without a capitals model (null) when none is served; auto needs one (400).
    /// </summary>
    public (ServedModel Model, ServedModel? Capitals) ForCase(LetterCase letterCase, string? name)
    {
        if (letterCase == LetterCase.Upper)
        {
            return (Find(name), null);
        }

        string mode = letterCase == LetterCase.Auto ? "auto" : "mixed";
        var model = name is not null ? Find(name) : Models.FirstOrDefault(m => m.HasLowerCase)
            ?? throw ApiException.BadRequest($"case={mode}: no mixed-case model is served here; start scrawl serve with --model for it too (e.g. models/{ModelLocator.ShippedMixedModelName}).");
        if (!model.HasLowerCase)
        {
            throw ApiException.BadRequest($"case={mode}: model '{model.Name}' has no lower-case classes; choose a mixed-case model (GET /v1/info lists the models and their classes) or case=upper.");
        }

        var capitals = Models.FirstOrDefault(m => !m.HasLowerCase);
        if (letterCase == LetterCase.Mixed)
        {
            return (model, capitals);
        }

        return capitals is not null ? (model, capitals) : throw ApiException.BadRequest("case=auto: no capitals model is served here to re-read pages written in capitals; use case=mixed, or start scrawl serve with a capitals model too.");
    }

    /// <summary>A fresh classifier for every model, by name (one worker's own).</summary>
    public Dictionary<string, ICharacterClassifier> Open()
    {
        var opened = new Dictionary<string, ICharacterClassifier>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var model in Models)
            {
                opened[model.Name] = ModelLocator.OpenClassifier(model.Path);
            }
        }
        catch
        {
            Close(opened);
            throw;
        }

        return opened;
    }

    /// <summary>Releases classifiers opened by <see cref="Open"/>.</summary>
    public static void Close(Dictionary<string, ICharacterClassifier> classifiers)
    {
        foreach (var classifier in classifiers.Values)
        {
            (classifier as IDisposable)?.Dispose();
        }
    }
}
