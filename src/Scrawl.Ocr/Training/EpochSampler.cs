using Scrawl.Data;
using Scrawl.Data.Augmentation;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Training;

/// <summary>
/// Draws each epoch's training set: the same number of samples for every class (class-balanced, so MNIST's
/// many digits do not dominate), each from the synthetic pool with probability <c>syntheticFraction</c>, else
/// from one real source chosen uniformly among those that have the class (a class the synthetic pool lacks, e.g. lower case,
/// always from the real sources); then augments every image.
/// Epoch e depends only on (seed, e), so a resumed or repeated run sees the same data.
/// </summary>
public sealed class EpochSampler
{
    private readonly ImageSet _synthetic;
    private readonly IReadOnlyList<ImageSet> _real;
    private readonly int[][] _syntheticRows;
    private readonly List<(int Source, int[] Rows)>[] _realRows;
    private readonly int _perClass;
    private readonly double _syntheticFraction;
    private readonly long _seed;
    private readonly AugmentOptions? _augment;
    private readonly EpochDraw _draw;
    private readonly int[] _quotas;
    private readonly int[] _realCounts;
    private (int Epoch, Tensor Inputs, Tensor Targets, int[] Labels)? _last;

    /// <summary>Indexes the pools by class; <paramref name="augment"/> null turns augmentation off.</summary>
    public EpochSampler(CharModelSources sources, int perClass, double syntheticFraction, long seed, AugmentOptions? augment)
        : this(sources, perClass, syntheticFraction, seed, augment, EpochDraw.Default)
    {
    }

    /// <summary>As the other constructor, drawing as <paramref name="draw"/> says (class prior, pooled real images, label smoothing).</summary>
    public EpochSampler(CharModelSources sources, int perClass, double syntheticFraction, long seed, AugmentOptions? augment, EpochDraw draw)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(draw);
        draw.Validate();
        _draw = draw;
        _synthetic = sources.Synthetic;
        _real = sources.RealTrain;
        _perClass = perClass;
        _syntheticFraction = _real.Count == 0 ? 1 : syntheticFraction;
        _seed = seed;
        _augment = augment;
        int classes = _synthetic.ClassNames.Count;
        _syntheticRows = RowsByClass(_synthetic, classes);
        _realRows = new List<(int, int[])>[classes];
        for (int c = 0; c < classes; c++)
        {
            _realRows[c] = [];
        }

        for (int s = 0; s < _real.Count; s++)
        {
            var byClass = RowsByClass(_real[s], classes);
            for (int c = 0; c < classes; c++)
            {
                if (byClass[c].Length > 0)
                {
                    _realRows[c].Add((s, byClass[c]));
                }
            }
        }

        for (int c = 0; c < classes; c++)
        {
            if (_syntheticRows[c].Length == 0 && _realRows[c].Count == 0)
            {
                throw new InvalidDataException($"No training image of class '{_synthetic.ClassNames[c]}' in the synthetic or real sources.");
            }
        }

        _realCounts = [.. _realRows.Select(list => list.Sum(s => s.Rows.Length))];
        _quotas = draw.Quotas(_realCounts, classes * perClass);
    }

    /// <summary>Samples per epoch: classes × per-class count.</summary>
    public int EpochSize => _syntheticRows.Length * _perClass;

    /// <summary>Samples of each class per epoch, in class order (all equal to the per-class count unless the draw has a class prior).</summary>
    public IReadOnlyList<int> Quotas => _quotas;

    /// <summary>The inputs [N × side²] and one-hot targets [N × classes] of 1-based epoch <paramref name="epoch"/>.</summary>
    public (Tensor Inputs, Tensor Targets) Epoch(int epoch)
    {
        var (inputs, targets, _) = EpochWithLabels(epoch);
        return (inputs, targets);
    }

    /// <summary>
    /// As <see cref="Epoch"/>, with the class index of every row. The last epoch drawn is kept, so asking for it
    /// again (a preview, then training) does not draw and augment it twice.
    /// </summary>
    public (Tensor Inputs, Tensor Targets, int[] Labels) EpochWithLabels(int epoch)
    {
        if (_last is { } last && last.Epoch == epoch)
        {
            return (last.Inputs, last.Targets, last.Labels);
        }

        var images = Images(epoch, out int[] labels);
        if (_augment is not null)
        {
            images = CharacterAugmenter.AugmentAll(images, CharacterAugmenter.ItemSeed(_seed ^ 0x5A5A5A5AL, epoch), _augment);
        }

        var inputs = images.Reshape(labels.Length, images.Dim(1) * images.Dim(2));
        var targets = Labels.OneHot(labels, _syntheticRows.Length);
        if (_draw.LabelSmoothing > 0)
        {
            // (1 − ε)·one-hot + ε/K: the loss then pulls every logit towards a finite margin instead of pushing the true one to infinity.
            float keep = (float)(1 - _draw.LabelSmoothing), spread = (float)(_draw.LabelSmoothing / _syntheticRows.Length);
            var span = targets.Span;
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (span[i] * keep) + spread;
            }
        }

        _last = (epoch, inputs, targets, labels);
        return (inputs, targets, labels);
    }

    /// <summary>The drawn (not yet augmented) images [N × side × side] of epoch <paramref name="epoch"/> and their labels.</summary>
    public Tensor Images(int epoch, out int[] labels)
    {
        var random = new SeededRandom(CharacterAugmenter.ItemSeed(_seed, epoch));
        int classes = _syntheticRows.Length, side = _synthetic.Height, size = side * side;
        var images = new Tensor(classes * _perClass, side, side);
        labels = new int[classes * _perClass];
        int k = 0;
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < _quotas[c]; i++, k++)
            {
                ImageSet set;
                int row;
                if (_realRows[c].Count == 0 || (_syntheticRows[c].Length > 0 && random.NextDouble() < _syntheticFraction))
                {
                    set = _synthetic;
                    row = _syntheticRows[c][random.NextInt(_syntheticRows[c].Length)];
                }
                else
                {
                    (set, row) = _draw.PooledReal ? PooledRow(c, random.NextInt(_realCounts[c])) : SourceRow(c, random);
                }

                set.Images.Span.Slice(row * size, size).CopyTo(images.Span.Slice(k * size, size));
                labels[k] = c;
            }
        }

        return images;
    }

    private (ImageSet Set, int Row) SourceRow(int c, SeededRandom random)
    {
        var (source, rows) = _realRows[c][random.NextInt(_realRows[c].Count)];
        return (_real[source], rows[random.NextInt(rows.Length)]);
    }

    /// <summary>The <paramref name="index"/>-th real training image of class <paramref name="c"/>, counting through the sources in order.</summary>
    private (ImageSet Set, int Row) PooledRow(int c, int index)
    {
        foreach (var (source, rows) in _realRows[c])
        {
            if (index < rows.Length)
            {
                return (_real[source], rows[index]);
            }

            index -= rows.Length;
        }

        throw new InvalidOperationException("Index past the pooled real images.");
    }

    private static int[][] RowsByClass(ImageSet set, int classes)
    {
        var lists = Enumerable.Range(0, classes).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < set.Count; i++)
        {
            lists[set.Labels[i]].Add(i);
        }

        return [.. lists.Select(l => l.ToArray())];
    }
}
