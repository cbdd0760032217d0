namespace MannRl.Data.Sentences;

/// <summary>What the action net must output while it reads the source sentence.</summary>
public enum ReadingTarget
{
    /// <summary>The original code's choice: "0123456789" repeated to the source length (config value <c>digits</c>).</summary>
    Digits,

    /// <summary>The paper's choice: the <see cref="SentenceSymbols.Empty"/> symbol at every reading step (config value <c>empty</c>).</summary>
    Empty,
}
