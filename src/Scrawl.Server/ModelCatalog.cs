using Scrawl.Ocr;
using Scrawl.Reading;

namespace Scrawl.Server;

/// <summary>One model clients may choose: its name (what a request's <c>model</c> gives), the file it is loaded from and its classes.</summary>
/// <param name="Name">The file's name without its extension, e.g. <c>charmodel</c>.</param>
/// <param name="Path">The model file on the server (never shown to clients).</param>
/// <param name="ClassNames">The classes it writes, in the order of its probability vectors.</param>
internal sealed record ServedModel(string Name, string Path, IReadOnlyList<string> ClassNames);

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
    /// The catalog of <paramref name="paths"/> (empty: the shipped model), each opened once to check it and read its classes;
    /// <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming a model that cannot be used, <see cref="ArgumentException"/> for two models with one name.
    /// </summary>
    public static ModelCatalog Load(IReadOnlyList<string> paths)
    {
        var files = paths.Count > 0 ? paths : [ModelLocator.ShippedModelPath()];
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
