namespace Scrawl.NeuralNet.Training;

/// <summary>A trainer's position in a run: epochs completed and the shuffle generator's state (5 values).</summary>
/// <param name="EpochsDone">Epochs completed (≥ 0).</param>
/// <param name="ShuffleState">The per-epoch shuffle generator's state (see <c>SeededRandom.GetState</c>).</param>
public sealed record TrainerState(int EpochsDone, ulong[] ShuffleState);
