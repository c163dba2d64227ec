using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch's Conv2d) of C×H×W images with outC square k×k
/// filters, stride s and zero padding p, on batches [N × C·H·W] → [N × outC·Ho·Wo] (NCHW rows, see
/// <see cref="ImageShape"/>). The weight is stored [outC × C·k·k], i.e. PyTorch's [outC, C, k, k]
/// flattened per filter. Forward: cols = im2col(x) [C·k·k × N·P]; Y' = W·cols [outC × N·P], then
/// permuted to rows with the bias added. Backward: dY' = dY permuted; dW = dY'·colsᵀ (the sum over the
/// batch in one GEMM), db = Σ dY', dX = col2im(Wᵀ·dY').
/// </summary>
public sealed class Conv2D : ILayer, IFloat64Forward
{
    private readonly WindowGeometry _g;
    private readonly Tensor _cols = new(1, 1);
    private readonly Tensor _product = new(1, 1); // Y' in forward, dY' in backward: [outC × N·P]
    private readonly Tensor _columnGradient = new(1, 1);
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private int _batch = -1;

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
        int batch = input.Rows, plane = _g.OutPlane, columns = batch * plane;
        _cols.Resize(_g.PatchSize, columns);
        Im2Col.Expand(_g, input.Span, batch, _cols.Span);
        _product.Resize(OutChannels, columns);
        Gemm.MatMul(Weight.Value, _cols, _product);

        // Y'[o, n·P + j] → output[n, o·P + j], adding the bias.
        _output.Resize(batch, OutChannels * plane);
        var bias = Bias.Value.Span;
        for (int o = 0; o < OutChannels; o++)
        {
            var source = _product.Row(o);
            for (int n = 0; n < batch; n++)
            {
                TensorPrimitives.Add(source.Slice(n * plane, plane), bias[o], _output.Row(n).Slice(o * plane, plane));
            }
        }

        _batch = batch;
        return _output;
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0)
        {
            throw new InvalidOperationException("Conv2D.Backward called before Forward.");
        }

        int batch = _batch, plane = _g.OutPlane, columns = batch * plane;
        if (outputGradient.Rank != 2 || outputGradient.Rows != batch || outputGradient.Dim(1) != OutChannels * plane)
        {
            throw new ArgumentException($"Output gradient [{outputGradient.ShapeText}] does not match output [{batch}, {OutChannels * plane}].", nameof(outputGradient));
        }

        // dY' = dY permuted to [outC × N·P]; db[o] = Σ of its row o.
        _product.Resize(OutChannels, columns);
        var biasGradient = Bias.Gradient.Span;
        for (int o = 0; o < OutChannels; o++)
        {
            var target = _product.Row(o);
            for (int n = 0; n < batch; n++)
            {
                outputGradient.Row(n).Slice(o * plane, plane).CopyTo(target.Slice(n * plane, plane));
            }

            biasGradient[o] = TensorPrimitives.Sum<float>(target);
        }

        // dX uses the current weights, so it comes before a fused update may change them.
        Tensor? inputGradient = null;
        if (needInputGradient)
        {
            _columnGradient.Resize(_g.PatchSize, columns);
            Gemm.MatMul(Weight.Value, _product, _columnGradient, transposeA: true);
            inputGradient = _inputGradient.Resize(batch, _g.Input.Features);
            Im2Col.Collapse(_g, _columnGradient.Span, batch, inputGradient.Span);
        }

        Weight.SetGradientToProduct(_product, _cols, transposeA: false, transposeB: true);
        return inputGradient;
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
