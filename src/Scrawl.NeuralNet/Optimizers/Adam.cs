using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; W ← W − lr·m̂/(√v̂ + ε) with the
/// bias corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ); t counts the steps taken.
/// </summary>
public sealed class Adam : Optimizer, IStatefulOptimizer
{
    private readonly Dictionary<Parameter, (Tensor M, Tensor V)> _moments = [];
    private double _beta1Power = 1;
    private double _beta2Power = 1;
    private Parameter? _firstOfStep;

    /// <summary>Creates Adam with a learning rate &gt; 0, β₁ and β₂ in [0, 1) and ε &gt; 0.</summary>
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
        : base(learningRate)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1 || !(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "Adam needs β₁, β₂ in [0, 1) and ε > 0.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    public override string Kind => "adam";

    /// <summary>Decay of the first moment, in [0, 1).</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment, in [0, 1).</summary>
    public float Beta2 { get; }

    /// <summary>Added to √v̂ for stability (&gt; 0).</summary>
    public float Epsilon { get; }

    /// <summary>Steps taken so far (t).</summary>
    public int Steps { get; private set; }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter)
    {
        // A step begins at the first parameter seen (the list is the same every step).
        _firstOfStep ??= parameter;
        if (ReferenceEquals(parameter, _firstOfStep))
        {
            Steps++;
            _beta1Power *= Beta1;
            _beta2Power *= Beta2;
        }

        var state = Moments(parameter);
        var g = parameter.Gradient.Span;
        var w = parameter.Value.Span;
        var m = state.M.Span;
        var v = state.V.Span;
        float b1 = Beta1, b2 = Beta2;
        float stepSize = (float)(LearningRate * Math.Sqrt(1 - _beta2Power) / (1 - _beta1Power));
        float epsilonHat = (float)(Epsilon * Math.Sqrt(1 - _beta2Power));
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = (b1 * m[i]) + ((1 - b1) * g[i]);
            v[i] = (b2 * v[i]) + ((1 - b2) * g[i] * g[i]);

            // Kingma & Ba's efficient form: lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε̂).
            w[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + epsilonHat);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, Tensor Value)> SaveState(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var state = new List<(string, Tensor)> { ("steps", Tensor.FromArray([Steps], 1)) };
        for (int i = 0; i < parameters.Count; i++)
        {
            var (m, v) = Moments(parameters[i]);
            state.Add(($"m.{i}", m.Clone()));
            state.Add(($"v.{i}", v.Clone()));
        }

        return state;
    }

    /// <inheritdoc/>
    public void LoadState(IReadOnlyList<Parameter> parameters, IReadOnlyList<(string Name, Tensor Value)> state)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 1 + (2 * parameters.Count) || state[0].Name != "steps")
        {
            throw new ArgumentException($"The Adam state has {state.Count} tensors; {1 + (2 * parameters.Count)} expected.", nameof(state));
        }

        Steps = (int)state[0].Value[0];
        _beta1Power = Math.Pow(Beta1, Steps);
        _beta2Power = Math.Pow(Beta2, Steps);
        _firstOfStep = parameters.Count > 0 ? parameters[0] : null;
        for (int i = 0; i < parameters.Count; i++)
        {
            var (m, v) = Moments(parameters[i]);
            state[1 + (2 * i)].Value.CopyTo(m);
            state[2 + (2 * i)].Value.CopyTo(v);
        }
    }

    private (Tensor M, Tensor V) Moments(Parameter parameter)
    {
        if (!_moments.TryGetValue(parameter, out var state))
        {
            state = (new Tensor(parameter.Value.Shape.ToArray()), new Tensor(parameter.Value.Shape.ToArray()));
            _moments[parameter] = state;
        }

        return state;
    }
}
