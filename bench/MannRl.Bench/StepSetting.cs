namespace MannRl.Bench;

/// <summary>
/// One of the reference's best settings as the <c>steps</c> suite measures it.
/// </summary>
/// <param name="Name">Key for <c>--settings</c>.</param>
/// <param name="Label">Row label in the report.</param>
/// <param name="ConfigPath">Shipped config, relative to the repository root.</param>
/// <param name="StepsPerRepeat">Training steps one timed repeat aims at (the first training sequences of epoch 0 up to
/// that many symbols per slot); null = the whole epoch-0 training set.</param>
/// <param name="MaxRepeats">Cap on the timed repeats (slow settings).</param>
/// <param name="ProfileRepeats">Timed repeats of each component in the step profile and the product replay.</param>
public sealed record StepSetting(string Name, string Label, string ConfigPath, int? StepsPerRepeat, int MaxRepeats, int ProfileRepeats)
{
    /// <summary>The four settings of /work/shared/reference/README.md, in report order.</summary>
    public static readonly IReadOnlyList<StepSetting> All =
    [
        new("logic", "logic (flatdann + flatmnnNA, memory 48)", "configs/logic/logic_m_best.yaml", null, int.MaxValue, 21),
        new("pos", "POS (flatdann + flatmnnNA, memory 175, random:300 inputs)", "configs/pos/udpos_m_best.yaml", 2500, int.MaxValue, 21),
        new("sentences", "sentences-500 (embdann + embmnnNA, memory 1,024)", "configs/mt/sentences_m_best.yaml", null, int.MaxValue, 11),
        new("parallel", "parallel nets (memory 8,192)", "configs/mt/sentences_parallel_8192.yaml", 200, 3, 3),
    ];
}
