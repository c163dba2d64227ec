using Scrawl.Data.Images;
using Scrawl.Tests.Shared;

namespace Scrawl.Data.Tests.Images;

public class GeometryTests
{
    [Fact]
    public void Natural_order_compares_digit_runs_by_value()
    {
        string[] names = ["10", "2", "B", "1", "A", "img10", "img9", "img09", "0"];
        var sorted = names.Order(NaturalStringComparer.Instance).ToArray();
        Assert.Equal(["0", "1", "2", "10", "A", "B", "img09", "img9", "img10"], sorted);
        Assert.True(NaturalStringComparer.Instance.Compare("CAP_A_9.png", "CAP_A_10.png") < 0);
        Assert.True(NaturalStringComparer.Instance.Compare("x", null) > 0);
    }

    [Fact]
    public void Resize_plan_stretch_fit_and_fill()
    {
        var stretch = ResizePlan.For(100, 200, new DecodeRequest(ColorMode.Grey, 32, 32));
        Assert.Equal(new ResizePlan(32, 32, 32, 32, 0, 0), stretch);

        // Landscape into a square: fit pads above and below, fill crops left and right.
        var fit = ResizePlan.For(100, 200, new DecodeRequest(ColorMode.Grey, 32, 32, ResizeMode.Fit));
        Assert.Equal(new ResizePlan(16, 32, 32, 32, 8, 0), fit);
        var fill = ResizePlan.For(100, 200, new DecodeRequest(ColorMode.Grey, 32, 32, ResizeMode.Fill));
        Assert.Equal(new ResizePlan(32, 64, 32, 32, 0, -16), fill);

        var native = ResizePlan.For(7, 9, new DecodeRequest(ColorMode.Rgb));
        Assert.True(native.IsDirect);
        Assert.Equal((7, 9), (native.Height, native.Width));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResizePlan.For(7, 9, new DecodeRequest(ColorMode.Rgb, 5, 0)));
    }

    [Fact]
    public void Fit_plan_pads_with_the_fill_value()
    {
        var plan = ResizePlan.For(2, 4, new DecodeRequest(ColorMode.Grey, 4, 4, ResizeMode.Fit, Fill: 1f));
        var placed = plan.Apply(SampleImages.Constant(plan.ScaledHeight, plan.ScaledWidth, 0f), 1f);
        Assert.Equal([1f, 1f, 1f, 1f], placed.Pixels[..4]);
        Assert.Equal([0f, 0f, 0f, 0f], placed.Pixels[4..8]);
    }
}
