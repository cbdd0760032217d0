namespace MannRl.Training;

/// <summary>A network produced NaN or Inf; the message names the epoch, the step and the tensor.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
