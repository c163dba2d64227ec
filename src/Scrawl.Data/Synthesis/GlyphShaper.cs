using System.Numerics;
using Scrawl.Numerics;

namespace Scrawl.Data.Synthesis;

/// <summary>
/// Turns a font glyph into one random handwritten instance, as strokes in output pixels with a pen
/// radius per point: strokes resampled, stroke ends jittered, a smooth wobble per stroke, a smooth
/// elastic field over the glyph, aspect / slant / rotation, then scaled and centred so the ink
/// box's longer side is the drawn fraction of the frame. Every random draw comes from the given
/// generator in a fixed order, so a seed fixes the result.
/// </summary>
internal static class GlyphShaper
{
    /// <summary>Height of a Hershey capital in font units; jitter amplitudes are fractions of it.</summary>
    internal const float CapHeight = 21f;

    /// <summary>Longest segment after resampling, font units, so distortions can bend straight lines.</summary>
    private const float MaxStep = 1.5f;

    private const int ElasticModes = 3;

    /// <summary>A shaped glyph: per stroke, points in output pixels and the pen radius at each point.</summary>
    internal readonly record struct Shaped(List<Vector2[]> Points, List<float[]> Radii);

    /// <summary>
    /// Shapes <paramref name="strokes"/> (font units) with pen width <paramref name="penWidth"/> pixels.
    /// <paramref name="shaded"/> glyphs draw thick parts as several parallel strokes; their strokes
    /// then share one end jitter and wobble so the parallel lines move together and stay merged.
    /// </summary>
    internal static Shaped Shape(IReadOnlyList<Vector2[]> strokes, float penWidth, bool shaded, SynthesisOptions o, SeededRandom rng)
    {
        var shaped = new List<Vector2[]>(strokes.Count);
        var arcLengths = new List<float[]>(strokes.Count);
        float wobble = (float)rng.Uniform(0, o.Wobble) * CapHeight;
        var noise = StrokeNoise.Draw(rng, o.EndJitter * CapHeight);
        foreach (var stroke in strokes)
        {
            var (points, arc) = Resample(stroke);
            if (!shaded && shaped.Count > 0)
            {
                noise = StrokeNoise.Draw(rng, o.EndJitter * CapHeight);
            }

            noise.Apply(points, arc, wobble);
            shaped.Add(points);
            arcLengths.Add(arc);
        }

        ApplyElastic(shaped, (float)rng.Uniform(0, o.Elastic) * CapHeight, rng);
        ApplyAffine(shaped, o, rng);
        Place(shaped, penWidth, o, rng);
        return new Shaped(shaped, Radii(arcLengths, penWidth, o, rng));
    }

    /// <summary>Normal(0, σ = max/2) clipped to ±max.</summary>
    internal static float ClippedNormal(SeededRandom rng, float max) =>
        Math.Clamp((float)rng.NextNormal() * max * 0.5f, -max, max);

    private static (Vector2[] Points, float[] Arc) Resample(Vector2[] stroke)
    {
        var points = new List<Vector2>(stroke.Length * 2) { stroke[0] };
        for (int i = 1; i < stroke.Length; i++)
        {
            Vector2 a = stroke[i - 1], b = stroke[i];
            int pieces = Math.Max(1, (int)MathF.Ceiling(Vector2.Distance(a, b) / MaxStep));
            for (int k = 1; k <= pieces; k++)
            {
                points.Add(Vector2.Lerp(a, b, k / (float)pieces));
            }
        }

        var arc = new float[points.Count];
        for (int i = 1; i < arc.Length; i++)
        {
            arc[i] = arc[i - 1] + Vector2.Distance(points[i - 1], points[i]);
        }

        return ([.. points], arc);
    }

    /// <summary>
    /// One stroke's hand noise: its two ends move independently and the shift is blended along the
    /// stroke (loose joins, overshoots), plus a smooth sinusoidal tremor with its own frequency and
    /// phase per axis.
    /// </summary>
    private readonly record struct StrokeNoise(Vector2 Start, Vector2 End, float Fx, float Px, float Fy, float Py)
    {
        internal static StrokeNoise Draw(SeededRandom rng, float sigma) => new(
            new Vector2((float)rng.NextNormal(), (float)rng.NextNormal()) * sigma,
            new Vector2((float)rng.NextNormal(), (float)rng.NextNormal()) * sigma,
            (float)rng.Uniform(0.3, 1.2) * MathF.Tau / CapHeight, (float)rng.Uniform(0, MathF.Tau),
            (float)rng.Uniform(0.3, 1.2) * MathF.Tau / CapHeight, (float)rng.Uniform(0, MathF.Tau));

        internal void Apply(Vector2[] points, float[] arc, float wobble)
        {
            float total = arc[^1];
            for (int i = 0; i < points.Length; i++)
            {
                float t = total > 0 ? arc[i] / total : 0f;
                var tremor = new Vector2(MathF.Sin((Fx * arc[i]) + Px), MathF.Sin((Fy * arc[i]) + Py)) * wobble;
                points[i] += Vector2.Lerp(Start, End, t) + tremor;
            }
        }
    }

    /// <summary>A smooth random displacement field: per axis a sum of low-frequency plane waves.</summary>
    private static void ApplyElastic(List<Vector2[]> strokes, float amplitude, SeededRandom rng)
    {
        Span<float> kx = stackalloc float[2 * ElasticModes], ky = stackalloc float[2 * ElasticModes];
        Span<float> phase = stackalloc float[2 * ElasticModes], weight = stackalloc float[2 * ElasticModes];
        for (int m = 0; m < 2 * ElasticModes; m++)
        {
            double angle = rng.Uniform(0, Math.Tau);
            float frequency = (float)rng.Uniform(0.3, 1.0) * MathF.Tau / CapHeight;
            kx[m] = frequency * (float)Math.Cos(angle);
            ky[m] = frequency * (float)Math.Sin(angle);
            phase[m] = (float)rng.Uniform(0, Math.Tau);
            weight[m] = amplitude * (float)rng.Uniform(-1, 1) / MathF.Sqrt(ElasticModes);
        }

        if (amplitude <= 0)
        {
            return;
        }

        foreach (var points in strokes)
        {
            for (int i = 0; i < points.Length; i++)
            {
                Vector2 p = points[i];
                float dx = 0, dy = 0;
                for (int m = 0; m < ElasticModes; m++)
                {
                    dx += weight[m] * MathF.Sin((kx[m] * p.X) + (ky[m] * p.Y) + phase[m]);
                    int n = m + ElasticModes;
                    dy += weight[n] * MathF.Sin((kx[n] * p.X) + (ky[n] * p.Y) + phase[n]);
                }

                points[i] = new Vector2(p.X + dx, p.Y + dy);
            }
        }
    }

    /// <summary>Aspect change, slant (top leans right for a positive shear; y points down) and rotation about the glyph centre.</summary>
    private static void ApplyAffine(List<Vector2[]> strokes, SynthesisOptions o, SeededRandom rng)
    {
        float aspect = MathF.Exp((float)rng.Uniform(-1, 1) * MathF.Log(o.MaxAspectFactor));
        float shear = ClippedNormal(rng, o.MaxShear);
        float angle = ClippedNormal(rng, o.MaxRotationDegrees) * MathF.PI / 180f;
        float cos = MathF.Cos(angle), sin = MathF.Sin(angle);
        var (min, max) = Box(strokes);
        Vector2 centre = (min + max) * 0.5f;
        foreach (var points in strokes)
        {
            for (int i = 0; i < points.Length; i++)
            {
                Vector2 p = points[i] - centre;
                float x = (p.X * aspect) - (shear * p.Y);
                points[i] = new Vector2((cos * x) - (sin * p.Y), (sin * x) + (cos * p.Y));
            }
        }
    }

    /// <summary>Scales and moves the strokes to output pixels: ink box longer side = fill · side, centred with a small jitter.</summary>
    private static void Place(List<Vector2[]> strokes, float penWidth, SynthesisOptions o, SeededRandom rng)
    {
        float fill = Math.Clamp(o.FillMean + (o.FillSpread * (float)rng.NextNormal()), o.FillMin, o.FillMax);
        var (min, max) = Box(strokes);
        Vector2 size = max - min;
        float extent = MathF.Max(MathF.Max(size.X, size.Y), 1e-3f);
        float scale = MathF.Max((fill * o.Side) - penWidth, 2f) / extent;
        float half = o.Side * 0.5f;
        Vector2 halfBox = (size * scale * 0.5f) + new Vector2(penWidth * 0.5f);
        Vector2 jitter = new Vector2((float)rng.NextNormal(), (float)rng.NextNormal()) * o.PositionJitter;
        var target = new Vector2(
            Math.Clamp(half + jitter.X, MathF.Min(halfBox.X, half), MathF.Max(o.Side - halfBox.X, half)),
            Math.Clamp(half + jitter.Y, MathF.Min(halfBox.Y, half), MathF.Max(o.Side - halfBox.Y, half)));
        Vector2 centre = (min + max) * 0.5f;
        foreach (var points in strokes)
        {
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = ((points[i] - centre) * scale) + target;
            }
        }
    }

    /// <summary>Pen radius per point: half the pen width, varied smoothly along each stroke by the pressure.</summary>
    private static List<float[]> Radii(List<float[]> arcLengths, float penWidth, SynthesisOptions o, SeededRandom rng)
    {
        float pressure = (float)rng.Uniform(0, o.Pressure);
        var radii = new List<float[]>(arcLengths.Count);
        foreach (var arc in arcLengths)
        {
            float frequency = (float)rng.Uniform(0.5, 1.5) * MathF.Tau / CapHeight, phase = (float)rng.Uniform(0, MathF.Tau);
            var r = new float[arc.Length];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = 0.5f * penWidth * (1f + (pressure * MathF.Sin((frequency * arc[i]) + phase)));
            }

            radii.Add(r);
        }

        return radii;
    }

    private static (Vector2 Min, Vector2 Max) Box(List<Vector2[]> strokes)
    {
        var min = new Vector2(float.MaxValue);
        var max = new Vector2(float.MinValue);
        foreach (var points in strokes)
        {
            foreach (var p in points)
            {
                min = Vector2.Min(min, p);
                max = Vector2.Max(max, p);
            }
        }

        return (min, max);
    }
}
