using System.Numerics;
using Scrawl.Data.Synthesis;

namespace Scrawl.Data.Tests.Synthesis;

public class StrokeRasterizerTests
{
    private const int Side = 32;

    [Fact]
    public void A_horizontal_segment_lights_the_rows_its_width_covers()
    {
        // Pen width 3 centred on y = 10 covers y ∈ [8.5, 11.5]: rows 9–10 fully, rows 8 and 11 half.
        var canvas = new float[Side * Side];
        StrokeRasterizer.DrawSegment(canvas, Side, Side, new Vector2(4, 10), new Vector2(20, 10), 1.5f, 1.5f);
        for (int x = 5; x < 19; x++)
        {
            Assert.Equal(0f, canvas[(7 * Side) + x]);
            Assert.Equal(0.5f, canvas[(8 * Side) + x], 1e-5f);
            Assert.Equal(1f, canvas[(9 * Side) + x]);
            Assert.Equal(1f, canvas[(10 * Side) + x]);
            Assert.Equal(0.5f, canvas[(11 * Side) + x], 1e-5f);
            Assert.Equal(0f, canvas[(12 * Side) + x]);
        }

        // Nothing beyond the round caps (radius 1.5 + the half-pixel edge).
        for (int y = 0; y < Side; y++)
        {
            Assert.Equal(0f, canvas[(y * Side) + 1]);
            Assert.Equal(0f, canvas[(y * Side) + 23]);
        }

        // Total ink ≈ the capsule's area: length·width + π·r².
        double area = (16 * 3) + (Math.PI * 1.5 * 1.5);
        Assert.InRange(canvas.Sum(), area * 0.97, area * 1.03);
    }

    [Fact]
    public void Overlaps_combine_with_max_and_values_stay_in_unit_range()
    {
        var once = new float[Side * Side];
        StrokeRasterizer.DrawSegment(once, Side, Side, new Vector2(3, 3), new Vector2(28, 25), 2f, 2f);
        var twice = (float[])once.Clone();
        StrokeRasterizer.DrawSegment(twice, Side, Side, new Vector2(3, 3), new Vector2(28, 25), 2f, 2f);
        Assert.Equal(once, twice);
        Assert.All(once, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Segments_off_the_canvas_are_clipped_and_a_single_point_is_a_dot()
    {
        var canvas = new float[Side * Side];
        StrokeRasterizer.DrawSegment(canvas, Side, Side, new Vector2(-50, -50), new Vector2(-40, -45), 3f, 3f);
        Assert.All(canvas, v => Assert.Equal(0f, v));
        StrokeRasterizer.DrawSegment(canvas, Side, Side, new Vector2(-10, 16), new Vector2(50, 16), 1f, 1f);
        Assert.Equal(1f, canvas[(15 * Side) + 0]);
        Assert.Equal(1f, canvas[(16 * Side) + 31]);

        var dot = new float[Side * Side];
        StrokeRasterizer.DrawPolyline(dot, Side, Side, [new Vector2(16, 16)], 2f);
        Assert.Equal(1f, dot[(15 * Side) + 15]);
        Assert.InRange(dot.Sum(), Math.PI * 4 * 0.95, Math.PI * 4 * 1.05);
    }

    [Fact]
    public void Radius_varies_linearly_along_a_segment()
    {
        var canvas = new float[Side * Side];
        StrokeRasterizer.DrawPolyline(canvas, Side, Side, [new Vector2(2, 16), new Vector2(30, 16)], [0.5f, 4f]);
        int Column(int x) => Enumerable.Range(0, Side).Count(y => canvas[(y * Side) + x] > 0.5f);
        Assert.True(Column(4) <= 2);
        Assert.True(Column(27) >= 6);
        Assert.Throws<ArgumentException>(() => StrokeRasterizer.DrawPolyline(canvas, Side, Side, [Vector2.Zero, Vector2.One], [1f]));
        Assert.Throws<ArgumentException>(() => StrokeRasterizer.DrawSegment(canvas, 31, 32, Vector2.Zero, Vector2.One, 1, 1));
    }
}
