namespace Scrawl.NeuralNet.Training;

/// <summary>
/// What one epoch achieved. Train figures are accumulated over the epoch's batches while the
/// weights moved (as the seed reports them); validation figures use the weights at the epoch's end.
/// Losses are per sample (the summed loss divided by the sample count). Accuracies are in [0, 1];
/// NaN when the loss is not a classification loss or there is no validation set.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss per sample.</param>
/// <param name="TrainAccuracy">Training accuracy in [0, 1], or NaN.</param>
/// <param name="ValidLoss">Mean validation loss per sample, or NaN.</param>
/// <param name="ValidAccuracy">Validation accuracy in [0, 1], or NaN.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took, validation included.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double ValidLoss, double ValidAccuracy, double Seconds);
