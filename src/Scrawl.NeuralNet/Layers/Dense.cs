using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Fully connected layer y = x·W + b with W stored input × output (the seed's layout), so a batch
/// X[B×in] maps to Y[B×out]. Backward: dW = Xᵀ·dY, db = Σ_rows dY, dX = dY·Wᵀ.
/// </summary>
public sealed class Dense : IRowSelectingLayer, IFloat64Forward
{
    private readonly Tensor _output = new(1, 1);
    private readonly Tensor _inputGradient = new(1, 1);
    private Tensor? _input;
    private int[] _rows = [];
    private int _rowCount = -1; // ≥ 0 when the last forward read rows _rows[..count] of _input (ForwardRows)

    /// <summary>Creates an in×out layer with zero weights and bias (initialise with <see cref="Initializers"/>).</summary>
    public Dense(int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Weight = new Parameter("weight", new Tensor(inputs, outputs));
        Bias = new Parameter("bias", new Tensor(outputs));
        Parameters = [Weight, Bias];
    }

    /// <summary>Creates an in×out layer with Xavier-uniform weights drawn from <paramref name="random"/> and zero bias.</summary>
    public Dense(int inputs, int outputs, SeededRandom random)
        : this(inputs, outputs) => Initializers.XavierUniform(Weight.Value, random);

    /// <summary>Number of input features (≥ 1).</summary>
    public int Inputs => Weight.Value.Dim(0);

    /// <summary>Number of output features (≥ 1).</summary>
    public int Outputs => Weight.Value.Dim(1);

    /// <summary>Weights, shape inputs × outputs.</summary>
    public Parameter Weight { get; }

    /// <summary>Bias, shape outputs.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public string Kind => "dense";

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public int OutputFeatures(int inputFeatures) => inputFeatures == Inputs
        ? Outputs
        : throw new ArgumentException($"Dense layer expects {Inputs} input features, got {inputFeatures}.", nameof(inputFeatures));

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        _input = input;
        _rowCount = -1;
        FillBias(input.Rows);
        Gemm.MatMul(input, Weight.Value, _output, beta: 1f);
        return _output;
    }

    /// <summary>
    /// Forward on the batch made of rows <paramref name="rows"/> of <paramref name="source"/> [N × Inputs],
    /// without copying them out first (the GEMM gathers them as it packs). Same result, bit for bit, as
    /// <see cref="Forward"/> on the gathered batch; <see cref="Backward"/> then uses the same rows, so
    /// <paramref name="source"/> must stay unchanged until then (the row list is copied).
    /// </summary>
    public Tensor ForwardRows(Tensor source, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckInput(source);
        if (_rows.Length < rows.Length)
        {
            _rows = new int[rows.Length];
        }

        FillBias(rows.Length);
        Gemm.MatMulGathered(source, rows, Weight.Value, _output, beta: 1f); // checks the indices
        rows.CopyTo(_rows);
        _input = source;
        _rowCount = rows.Length;
        return _output;
    }

    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var input = _input ?? throw new InvalidOperationException("Dense.Backward called before Forward.");
        int batch = _rowCount >= 0 ? _rowCount : input.Rows;
        if (outputGradient.Rank != 2 || outputGradient.Rows != batch || outputGradient.Dim(1) != Outputs)
        {
            throw new ArgumentException($"Output gradient [{outputGradient.ShapeText}] does not match output [{batch}, {Outputs}].", nameof(outputGradient));
        }

        // dX uses the current weights, so it comes before a fused update may change them.
        Tensor? inputGradient = null;
        if (needInputGradient)
        {
            inputGradient = _inputGradient.Resize(batch, Inputs);
            Gemm.MatMul(outputGradient, Weight.Value, inputGradient, transposeB: true);
        }

        ArraySegment<int>? rows = _rowCount >= 0 ? new ArraySegment<int>(_rows, 0, _rowCount) : default(ArraySegment<int>?);
        Weight.SetGradientToProduct(input, outputGradient, transposeA: true, transposeB: false, rows);

        SumRows(outputGradient, Bias.Gradient.Span);
        return inputGradient;
    }

    /// <inheritdoc/>
    public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output)
    {
        OutputFeatures(inputFeatures);
        var w = Weight.Value.Span;
        var b = Bias.Value.Span;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < Outputs; j++)
            {
                double s = b[j];
                for (int i = 0; i < Inputs; i++)
                {
                    s += input[(r * Inputs) + i] * w[(i * Outputs) + j];
                }

                output[(r * Outputs) + j] = s;
            }
        }
    }

    /// <summary>Sizes the output to <paramref name="batch"/> rows and fills every row with the bias (the GEMM adds onto it).</summary>
    private void FillBias(int batch)
    {
        _output.Resize(batch, Outputs);
        var bias = Bias.Value.Span;
        for (int r = 0; r < batch; r++)
        {
            bias.CopyTo(_output.Row(r));
        }
    }

    /// <summary>destination[j] = Σ_r source[r, j] (destination length = row length).</summary>
    internal static void SumRows(Tensor source, Span<float> destination)
    {
        destination.Clear();
        for (int r = 0; r < source.Rows; r++)
        {
            TensorPrimitives.Add(destination, source.Row(r), destination);
        }
    }

    private void CheckInput(Tensor input)
    {
        if (input.Rank != 2 || input.Dim(1) != Inputs)
        {
            throw new ArgumentException($"Dense layer expects input [batch, {Inputs}], got [{input.ShapeText}].", nameof(input));
        }
    }
}
