using MannRl.Config;

namespace MannRl.Data.Sentences;

/// <summary>
/// The four reserved symbols of the sentence tasks. They never occur in cleaned text (cleaning turns them into
/// spaces), so a sequence's structure is always readable from its symbols.
/// </summary>
public static class SentenceSymbols
{
    /// <summary>First symbol of every input and target (U+0298).</summary>
    public const char Start = '\u0298';

    /// <summary>Last target symbol: the written sentence is complete (U+0444).</summary>
    public const char End = '\u0444';

    /// <summary>Input during the writing phase: nothing to read (U+02FD); also the reading-phase target in <see cref="ReadingTarget.Empty"/> mode.</summary>
    public const char Empty = '\u02FD';

    /// <summary>Ends the reading phase (U+043D).</summary>
    public const char Separator = '\u043D';

    /// <summary>The reserved symbols as code points.</summary>
    public static IReadOnlyList<int> All { get; } = [Start, End, Empty, Separator];

    /// <summary>True for one of the four reserved code points.</summary>
    public static bool IsReserved(int codePoint) =>
        codePoint is Start or End or Empty or Separator;
}
