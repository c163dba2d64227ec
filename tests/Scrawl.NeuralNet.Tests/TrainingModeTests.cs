using Scrawl.NeuralNet.Benchmarks;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

public class TrainingModeTests
{
    [Fact]
    public void Dropout_is_active_while_training_and_off_for_validation_and_after()
    {
        var random = new SeededRandom(1);
        var dropout = new Scrawl.NeuralNet.Layers.Dropout(0.5, seed: 3);
        var net = new Sequential(8, new Scrawl.NeuralNet.Layers.Dense(8, 6, random), dropout, new Scrawl.NeuralNet.Layers.Dense(6, 3, random));
        var x = TestData.Uniform(2, 0f, 1f, 12, 8);
        var y = TestData.OneHot(3, 12, 3);
        bool sawTraining = false;
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.01f), new TrainingOptions { Epochs = 2, BatchSize = 4 });
        var history = trainer.Fit(x, y, x, y, _ => sawTraining |= dropout.Training);
        Assert.False(dropout.Training); // off after Fit, and Evaluate ran in inference mode
        Assert.False(sawTraining);      // the callback runs after validation, in inference mode
        var again = trainer.Evaluate(x, y);
        Assert.Equal(history[^1].ValidLoss, again.Loss, 1e-9); // inference is deterministic
    }
}
