using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch's Conv2d) of C×H×W images with outC square k×k
/// filters, stride s and zero padding p, on batches [N × C·H·W] → [N × outC·Ho·Wo] (NCHW rows, see
/// <see cref="ImageShape"/>). The weight is stored [outC × C·k·k], i.e. PyTorch's [outC, C, k, k]
/// flattened per filter. The batch is cut into tiles of samples whose column matrix fits in L2, and the
/// tiles into one contiguous group per core (<see cref="ParallelWork"/>). Per tile, forward: cols =
/// im2col(x) [C·k·k × g·P]; Y' = W·cols [outC × g·P], permuted to rows with the bias added. Backward:
/// dY' = dY permuted; dW += dY'·colsᵀ and db += Σ dY' per group (then summed), dX = col2im(Wᵀ·dY').
/// </summary>
public sealed class Conv2D : ILayer, IFloat64Forward
{
    private readonly WindowGeometry _g;
    /// <summary>Column-matrix floats per tile (256 KiB): a tile's im2col block stays in L2 while its GEMM reads it.</summary>
    private const int TileFloats = 1 << 16;

    private readonly Tensor _cols = new(1, 1); // per tile of samples [n0, n0 + g): a [C·k·k × g·P] block at C·k·k·n0·P
    private readonly Tensor _product = new(1, 1); // Y' in forward, dY' in backward; per tile an [outC × g·P] block
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private readonly List<Tensor> _partialWeight = [];
    private readonly List<Tensor> _partialBias = [];
    private readonly List<Tensor> _groupColumns = [];
    private readonly List<float[]> _groupPadded = []; // per group: a zero-padded plane for the stride-1 im2col/col2im
    private Tensor? _input;
    private Tensor? _outputGradient;
    private bool _needInputGradient;
    private int _batch = -1;
    private int _tile = 1;
    private int _tiles;

    /// <summary>
    /// Creates the layer with zero weights and bias: <paramref name="input"/> C×H×W, outChannels ≥ 1,
    /// kernel ≥ 1, stride ≥ 1, 0 ≤ padding &lt; kernel, and the padded image at least kernel × kernel.
    /// </summary>
    public Conv2D(ImageShape input, int outChannels, int kernel, int stride = 1, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        _g = new WindowGeometry(input, kernel, stride, padding);
        _g.Validate("convolution");
        Weight = new Parameter("weight", new Tensor(outChannels, _g.PatchSize));
        Bias = new Parameter("bias", new Tensor(outChannels));
        Parameters = [Weight, Bias];
    }

    /// <summary>
    /// As the zero-weight constructor, with He/Kaiming-uniform weights U[−a, a], a = √(6 / (C·k·k))
    /// (He et al. 2015, gain √2 for ReLU) drawn from <paramref name="random"/>, and zero bias.
    /// </summary>
    public Conv2D(ImageShape input, int outChannels, int kernel, int stride, int padding, SeededRandom random)
        : this(input, outChannels, kernel, stride, padding)
    {
        ArgumentNullException.ThrowIfNull(random);
        float a = MathF.Sqrt(6f / _g.PatchSize);
        random.FillUniform(Weight.Value.Span, -a, a);
    }

    /// <summary>The input image shape C×H×W.</summary>
    public ImageShape Input => _g.Input;

    /// <summary>The output image shape outC×Ho×Wo.</summary>
    public ImageShape Output => new(OutChannels, _g.OutHeight, _g.OutWidth);

    /// <summary>Number of filters (output channels, ≥ 1).</summary>
    public int OutChannels => Weight.Value.Dim(0);

    /// <summary>Side k of the square kernel (≥ 1).</summary>
    public int Kernel => _g.Kernel;

    /// <summary>Step between windows in pixels (≥ 1).</summary>
    public int Stride => _g.Stride;

    /// <summary>Zero padding on each side in pixels (0 ≤ padding &lt; kernel).</summary>
    public int Padding => _g.Padding;

    /// <summary>Filters, shape outC × (C·k·k); entry [o, (c·k + ki)·k + kj].</summary>
    public Parameter Weight { get; }

    /// <summary>Bias per output channel, shape outC.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public string Kind => "conv2d";

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures)
    {
        _g.Input.Check(inputFeatures, Kind);
        return Output.Features;
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        _g.Input.CheckBatch(input, Kind);
        int batch = input.Rows, plane = _g.OutPlane;
        _tile = Math.Clamp(TileFloats / (_g.PatchSize * plane), 1, batch);
        _tiles = (batch + _tile - 1) / _tile;
        _cols.Resize(_g.PatchSize, batch * plane);
        _product.Resize(OutChannels, batch * plane);
        _output.Resize(batch, OutChannels * plane);
        _input = input;
        _batch = batch;
        ForEachGroup(ForwardGroup);
        return _output;
    }

    /// <summary>Tiles of one group: cols = im2col(x tile); Y' = W·cols; Y' permuted into the output rows with the bias.</summary>
    private void ForwardGroup(int group, int firstTile, int endTile)
    {
        int k = _g.PatchSize, plane = _g.OutPlane, features = _g.Input.Features, outC = OutChannels;
        for (int t = firstTile; t < endTile; t++)
        {
            var (n0, count) = TileRange(t);
            int columns = count * plane;
            var cols = _cols.Span.Slice(k * n0 * plane, k * columns);
            var product = _product.Span.Slice(outC * n0 * plane, outC * columns);
            var tileInput = _input!.Span.Slice(n0 * features, count * features);
            if (PaddedIm2Col.Covers(_g))
            {
                PaddedIm2Col.Expand(_g, tileInput, count, cols, _groupPadded[group]);
            }
            else
            {
                Im2Col.Expand(_g, tileInput, count, cols);
            }
            Gemm.MultiplyOnCallingThread(false, false, outC, columns, k, 1f, Weight.Value.Span, k, cols, columns, 0f, product, columns);
            var bias = Bias.Value.Span;
            for (int n = 0; n < count; n++)
            {
                var row = _output.Row(n0 + n);
                for (int o = 0; o < outC; o++)
                {
                    TensorPrimitives.Add(product.Slice((o * columns) + (n * plane), plane), bias[o], row.Slice(o * plane, plane));
                }
            }
        }
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0)
        {
            throw new InvalidOperationException("Conv2D.Backward called before Forward.");
        }

        int batch = _batch, plane = _g.OutPlane;
        if (outputGradient.Rank != 2 || outputGradient.Rows != batch || outputGradient.Dim(1) != OutChannels * plane)
        {
            throw new ArgumentException($"Output gradient [{outputGradient.ShapeText}] does not match output [{batch}, {OutChannels * plane}].", nameof(outputGradient));
        }

        _outputGradient = outputGradient;
        _needInputGradient = needInputGradient;
        if (needInputGradient)
        {
            _inputGradient.Resize(batch, _g.Input.Features);
        }

        int groups = ForEachGroup(BackwardGroup);

        // dW and db are the sums of the groups' partial sums.
        _partialWeight[0].Span.CopyTo(Weight.Gradient.Span);
        _partialBias[0].Span.CopyTo(Bias.Gradient.Span);
        for (int g = 1; g < groups; g++)
        {
            TensorPrimitives.Add(Weight.Gradient.Span, _partialWeight[g].Span, Weight.Gradient.Span);
            TensorPrimitives.Add(Bias.Gradient.Span, _partialBias[g].Span, Bias.Gradient.Span);
        }

        return needInputGradient ? _inputGradient : null;
    }

    /// <summary>Tiles of one group: dY' = dY permuted; partial db, dW += dY'·colsᵀ; dX tile = col2im(Wᵀ·dY').</summary>
    private void BackwardGroup(int group, int firstTile, int endTile)
    {
        int k = _g.PatchSize, plane = _g.OutPlane, features = _g.Input.Features, outC = OutChannels;
        var partialWeight = _partialWeight[group].Span;
        var partialBias = _partialBias[group].Span;
        partialBias.Clear();
        for (int t = firstTile; t < endTile; t++)
        {
            var (n0, count) = TileRange(t);
            int columns = count * plane;
            var cols = _cols.Span.Slice(k * n0 * plane, k * columns);
            var product = _product.Span.Slice(outC * n0 * plane, outC * columns);
            for (int n = 0; n < count; n++)
            {
                var row = _outputGradient!.Row(n0 + n);
                for (int o = 0; o < outC; o++)
                {
                    row.Slice(o * plane, plane).CopyTo(product.Slice((o * columns) + (n * plane), plane));
                }
            }

            for (int o = 0; o < outC; o++)
            {
                partialBias[o] += TensorPrimitives.Sum<float>(product.Slice(o * columns, columns));
            }

            if (_needInputGradient)
            {
                var columnGradient = _groupColumns[group].Resize(k, columns).Span;
                Gemm.MultiplyOnCallingThread(true, false, k, columns, outC, 1f, Weight.Value.Span, k, product, columns, 0f, columnGradient, columns);
                var tileGradient = _inputGradient.Span.Slice(n0 * features, count * features);
                if (PaddedIm2Col.Covers(_g))
                {
                    PaddedIm2Col.Collapse(_g, columnGradient, count, tileGradient, _groupPadded[group]);
                }
                else
                {
                    Im2Col.Collapse(_g, columnGradient, count, tileGradient);
                }
            }

            Gemm.MultiplyOnCallingThread(false, true, outC, k, columns, 1f, product, columns, cols, columns, t == firstTile ? 0f : 1f, partialWeight, k);
        }
    }

    /// <summary>Samples [start, start + count) of tile <paramref name="tile"/>.</summary>
    private (int Start, int Count) TileRange(int tile)
    {
        int start = tile * _tile;
        return (start, Math.Min(_tile, _batch - start));
    }

    /// <summary>
    /// Tile groups per batch, independent of the core count so that the partial sums of dW and db, and with
    /// them the trained weights, are the same bit for bit on every machine.
    /// </summary>
    private const int MaxGroups = 8;

    /// <summary>Splits the tiles into at most <see cref="MaxGroups"/> contiguous groups, spread over the cores, and runs <paramref name="body"/>(group, first tile, end tile) on each; returns the group count.</summary>
    private int ForEachGroup(Action<int, int, int> body)
    {
        int groups = Math.Min(MaxGroups, _tiles);
        while (_partialWeight.Count < groups)
        {
            _partialWeight.Add(new Tensor(OutChannels, _g.PatchSize));
            _partialBias.Add(new Tensor(OutChannels));
            _groupColumns.Add(new Tensor(1, 1));
            _groupPadded.Add(new float[PaddedIm2Col.PaddedLength(_g)]);
        }

        if (groups == 1)
        {
            body(0, 0, _tiles);
            return 1;
        }

        ParallelWork.For(groups, g => body(g, (int)((long)_tiles * g / groups), (int)((long)_tiles * (g + 1) / groups)));
        return groups;
    }

    /// <inheritdoc/>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        int outFeatures = OutputFeatures(inputFeatures);
        var (shape, k, s, p) = (_g.Input, _g.Kernel, _g.Stride, _g.Padding);
        var w = Weight.Value.Span;
        var b = Bias.Value.Span;
        for (int n = 0; n < rows; n++)
        {
            var x = input.Slice(n * inputFeatures, inputFeatures);
            var y = output.Slice(n * outFeatures, outFeatures);
            for (int o = 0; o < OutChannels; o++)
            {
                for (int oy = 0; oy < _g.OutHeight; oy++)
                {
                    for (int ox = 0; ox < _g.OutWidth; ox++)
                    {
                        double sum = b[o];
                        for (int c = 0; c < shape.Channels; c++)
                        {
                            for (int ki = 0; ki < k; ki++)
                            {
                                int iy = (oy * s) - p + ki;
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int ix = (ox * s) - p + kj;
                                    if ((uint)iy < (uint)shape.Height && (uint)ix < (uint)shape.Width)
                                    {
                                        sum += x[(c * shape.PlaneSize) + (iy * shape.Width) + ix] * (double)w[(o * _g.PatchSize) + (((c * k) + ki) * k) + kj];
                                    }
                                }
                            }
                        }

                        y[(o * _g.OutPlane) + (oy * _g.OutWidth) + ox] = sum;
                    }
                }
            }
        }
    }
}
