using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

public class LearningRateScheduleTests
{
    [Fact]
    public void CosineFallsFromOneToTheFinalFactor()
    {
        var cosine = new CosineSchedule { FinalFactor = 0.1 };
        Assert.Equal(1, cosine.Factor(0), 12);
        Assert.Equal(0.55, cosine.Factor(0.5), 12);
        Assert.Equal(0.1, cosine.Factor(1), 12);
        Assert.True(cosine.Factor(0.3) > cosine.Factor(0.6));
    }

    [Fact]
    public void CosineWarmsUpLinearly()
    {
        var cosine = new CosineSchedule { WarmupFraction = 0.1 };
        Assert.True(cosine.Factor(0) < 0.02);
        Assert.Equal(0.5, cosine.Factor(0.05), 2);
        Assert.Equal(1, cosine.Factor(0.1), 12);
    }

    [Fact]
    public void StepDropsByGammaAtEachStep()
    {
        var step = new StepSchedule { StepFraction = 0.25, Gamma = 0.5 };
        Assert.Equal(1, step.Factor(0.2), 12);
        Assert.Equal(0.5, step.Factor(0.25), 12);
        Assert.Equal(0.25, step.Factor(0.6), 12);
        Assert.Equal(0.125, step.Factor(0.99), 12);
    }

    [Fact]
    public void OneCyclePeaksAtItsPeakFraction()
    {
        var one = new OneCycleSchedule { PeakFraction = 0.3, StartFactor = 0.04, FinalFactor = 0.001 };
        Assert.Equal(0.04, one.Factor(0), 12);
        Assert.Equal(1, one.Factor(0.3), 12);
        Assert.Equal(0.001, one.Factor(1), 12);
        Assert.True(one.Factor(0.15) is > 0.04 and < 1);
        Assert.True(one.Factor(0.65) is > 0.001 and < 1);
    }

    [Theory]
    [InlineData("constant", "constant")]
    [InlineData("none", "constant")]
    [InlineData("Cosine", "cosine")]
    [InlineData("step", "step")]
    [InlineData("onecycle", "onecycle")]
    public void ParseKnowsTheNames(string name, string kind) => Assert.Equal(kind, LearningRateSchedule.Parse(name).Kind);

    [Fact]
    public void ParseRejectsUnknownNames() => Assert.Throws<ArgumentException>(() => LearningRateSchedule.Parse("linear-ish"));

    [Fact]
    public void TrainerAppliesTheScheduleEveryBatchAndRestoresTheBaseRate()
    {
        var rates = new List<float>();
        var optimizer = new RecordingSgd(0.1f, rates);
        var network = new Sequential(2, new Dense(2, 2, new SeededRandom(1)));
        var x = Tensor.FromSpan([1f, 0f, 0f, 1f, 1f, 1f, 0f, 0f], 4, 2);
        var y = Labels.OneHot([0, 1, 0, 1], 2);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 2, Shuffle = false, Schedule = new StepSchedule { StepFraction = 0.5, Gamma = 0.1 } };
        new Trainer(network, new SoftmaxCrossEntropy(), optimizer, options).Fit(x, y);
        Assert.Equal([0.1f, 0.1f, 0.01f, 0.01f], rates.Select(r => MathF.Round(r, 6)));
        Assert.Equal(0.1f, optimizer.LearningRate);
    }

    [Fact]
    public void PerEpochDataIsAskedForEachEpochInOrder()
    {
        var asked = new List<int>();
        var network = new Sequential(2, new Dense(2, 2, new SeededRandom(1)));
        var x = Tensor.FromSpan([1f, 0f, 0f, 1f], 2, 2);
        var y = Labels.OneHot([0, 1], 2);
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), new Sgd(0.1f), new TrainingOptions { Epochs = 3 });
        var history = trainer.Fit(e => { asked.Add(e); return (x, y); });
        Assert.Equal([1, 2, 3], asked);
        Assert.Equal(3, history.Count);
    }

    private sealed class RecordingSgd(float rate, List<float> rates) : IOptimizer
    {
        public string Kind => "recording";

        public float LearningRate { get; set; } = rate;

        public void Step(IReadOnlyList<Parameter> parameters) => rates.Add(LearningRate);
    }
}
