using Scrawl.Experiments.Training;
using Scrawl.NeuralNet.Training;

namespace Scrawl.Experiments.Tests.Training;

/// <summary>The learning-rate study's choice of the best rate and its checks of the base rate.</summary>
public class LearningRateSweepTests
{
    [Fact]
    public void Diverged_runs_never_win_and_ties_go_to_the_smaller_rate()
    {
        static TrainOutcome Run(double validAcc, bool diverged = false) =>
            new([new EpochMetrics(1, 1, 0.5, 1, validAcc, 0)], diverged ? new TrainingDivergedException(2) : null);
        Assert.Equal(0.02f, LearningRateSweep.Best([new(0.2f, Run(0.9, diverged: true)), new(0.02f, Run(0.8)), new(0.002f, Run(0.7))]));
        Assert.Equal(0.002f, LearningRateSweep.Best([new(0.02f, Run(0.8)), new(0.002f, Run(0.8))]));
        Assert.Null(LearningRateSweep.Best([new(0.02f, Run(double.NaN))]));
    }

    [Fact]
    public void The_study_runs_lr_ten_times_and_a_tenth_and_refuses_rates_that_leave_the_floats()
    {
        Assert.Equal([0.02f, 0.2f, 0.002f], LearningRateSweep.CheckRates(0.02f));
        Assert.Throws<ArgumentException>(() => LearningRateSweep.CheckRates(float.Epsilon));
    }
}
