using MannRl.Engine;

namespace MannRl.Training;

/// <summary>
/// The experience-replay history of the last H steps (spec section 4) as contiguous ring buffers of shape
/// (history, slots, width): per step and slot the input, the memory the step started with, the action (the
/// action net's output), the target, the action loss, and whether the slot was present. Age 0 is the
/// current step, age 1 the one before.
/// </summary>
public sealed class ReplayHistory
{
    private readonly float[] _inputs, _memories, _actions, _losses;
    private readonly int[] _targets;
    private readonly bool[] _present;
    private readonly Matrix[] _inputViews, _memoryViews; // one (slots x width) view per step, made once
    private readonly int[] _sampledAges; // at most capacity - 1 distinct ages exist
    private int _current;

    /// <summary>Allocates the ring: <paramref name="capacity"/> steps of <paramref name="slots"/> slots.</summary>
    public ReplayHistory(int capacity, int slots, int inputDim, int memoryDim, int actionDim)
    {
        if (capacity < 2) throw new ArgumentOutOfRangeException(nameof(capacity), $"history must be at least 2, got {capacity}");
        Capacity = capacity; Slots = slots; InputDim = inputDim; MemoryDim = memoryDim; ActionDim = actionDim;
        _inputs = new float[capacity * slots * inputDim + Matrix.Padding];
        _memories = new float[capacity * slots * memoryDim + Matrix.Padding];
        _actions = new float[capacity * slots * actionDim + Matrix.Padding];
        _losses = new float[capacity * slots];
        _targets = new int[capacity * slots];
        _present = new bool[capacity * slots];
        _inputViews = Enumerable.Range(0, capacity).Select(i => Matrix.View(_inputs, i * slots * inputDim, slots, inputDim)).ToArray();
        _memoryViews = Enumerable.Range(0, capacity).Select(i => Matrix.View(_memories, i * slots * memoryDim, slots, memoryDim)).ToArray();
        _sampledAges = new int[capacity];
        Filled = 1;
    }

    /// <summary>H, the number of steps kept.</summary>
    public int Capacity { get; }

    /// <summary>Slots per step (the batch size).</summary>
    public int Slots { get; }

    /// <summary>Input width.</summary>
    public int InputDim { get; }

    /// <summary>Memory width.</summary>
    public int MemoryDim { get; }

    /// <summary>Action width (number of targets).</summary>
    public int ActionDim { get; }

    /// <summary>Steps stored so far (at most <see cref="Capacity"/>).</summary>
    public int Filled { get; private set; }

    /// <summary>Stores the ring (every buffer, the current step and the fill) into <paramref name="state"/>.</summary>
    public void SaveTo(TrainerState state)
    {
        state.Floats["history.inputs"] = (float[])_inputs.Clone();
        state.Floats["history.memories"] = (float[])_memories.Clone();
        state.Floats["history.actions"] = (float[])_actions.Clone();
        state.Floats["history.losses"] = (float[])_losses.Clone();
        state.Integers["history.targets"] = (int[])_targets.Clone();
        state.Integers["history.present"] = _present.Select(p => p ? 1 : 0).ToArray();
        state.SetLong("history.current", _current);
        state.SetLong("history.filled", Filled);
    }

    /// <summary>Restores what <see cref="SaveTo"/> stored (for a ring of the same shape).</summary>
    /// <exception cref="InvalidDataException">The state is missing a buffer or has one of another size.</exception>
    public void RestoreFrom(TrainerState state)
    {
        state.GetFloats("history.inputs", _inputs.Length).CopyTo(_inputs, 0);
        state.GetFloats("history.memories", _memories.Length).CopyTo(_memories, 0);
        state.GetFloats("history.actions", _actions.Length).CopyTo(_actions, 0);
        state.GetFloats("history.losses", _losses.Length).CopyTo(_losses, 0);
        state.GetIntegers("history.targets", _targets.Length).CopyTo(_targets, 0);
        var present = state.GetIntegers("history.present", _present.Length);
        for (int i = 0; i < present.Length; i++) _present[i] = present[i] != 0;
        long current = state.GetLong("history.current"), filled = state.GetLong("history.filled");
        if (current < 0 || current >= Capacity || filled < 1 || filled > Capacity)
            throw new InvalidDataException($"the run's resume state has a replay history position {current}/{filled} outside a history of {Capacity}; start the run over in a new RUNDIR");
        _current = (int)current;
        Filled = (int)filled;
    }

    private int Step(int age)
    {
        if ((uint)age >= (uint)Filled) throw new ArgumentOutOfRangeException(nameof(age), $"age {age}: only {Filled} steps stored");
        int s = _current - age;
        return s < 0 ? s + Capacity : s;
    }

    private int Cell(int age, int slot) => Step(age) * Slots + slot;

    /// <summary>Starts a new current step: no slot present, memories zero (a slot absent before starts from zero).</summary>
    public void Push()
    {
        _current = (_current + 1) % Capacity;
        Filled = Math.Min(Filled + 1, Capacity);
        int c = _current * Slots;
        _present.AsSpan(c, Slots).Clear();
        _memories.AsSpan(c * MemoryDim, Slots * MemoryDim).Clear();
    }

    /// <summary>Whether <paramref name="slot"/> took part in the step of age <paramref name="age"/>.</summary>
    public bool IsPresent(int age, int slot) => _present[Cell(age, slot)];

    /// <summary>Marks <paramref name="slot"/> present in the current step and records its target.</summary>
    public void SetPresent(int slot, int target)
    {
        int c = Cell(0, slot);
        _present[c] = true;
        _targets[c] = target;
    }

    /// <summary>Input row of a slot at an age.</summary>
    public Span<float> Input(int age, int slot) => _inputs.AsSpan(Cell(age, slot) * InputDim, InputDim);

    /// <summary>Memory row of a slot at an age (the memory that step started with).</summary>
    public Span<float> Memory(int age, int slot) => _memories.AsSpan(Cell(age, slot) * MemoryDim, MemoryDim);

    /// <summary>Action row of a slot at an age.</summary>
    public Span<float> Action(int age, int slot) => _actions.AsSpan(Cell(age, slot) * ActionDim, ActionDim);

    /// <summary>Target of a slot at an age.</summary>
    public int Target(int age, int slot) => _targets[Cell(age, slot)];

    /// <summary>Action loss of a slot at an age.</summary>
    public ref float Loss(int age, int slot) => ref _losses[Cell(age, slot)];

    /// <summary>All slots' inputs of the current step as one (slots x InputDim) matrix, without copying.</summary>
    public Matrix CurrentInputs() => _inputViews[_current];

    /// <summary>All slots' memories of the current step as one (slots x MemoryDim) matrix, without copying.</summary>
    public Matrix CurrentMemories() => _memoryViews[_current];

    /// <summary>
    /// The replay sample of one memory-net update (spec section 4): <paramref name="steps"/> distinct ages drawn from
    /// <paramref name="rng"/> in n..<see cref="Filled"/>−1 (n = <paramref name="into"/>'s <see cref="Transitions.Steps"/>,
    /// 1 in the original), their transitions stacked into <paramref name="into"/> as <see cref="GatherTransitions"/>
    /// does; returns the number of rows.
    /// </summary>
    public int SampleTransitions(Rng rng, int steps, bool targetsAsActions, Transitions into)
    {
        int n = into.Steps;
        if ((uint)steps > (uint)(Capacity - n))
            throw new ArgumentOutOfRangeException(nameof(steps), $"cannot sample {steps} distinct steps of {n}-step transitions from a history of {Capacity}");
        var ages = _sampledAges.AsSpan(0, steps);
        rng.SampleDistinct(n, Filled - 1, ages);
        return GatherTransitions(ages, targetsAsActions, into);
    }

    /// <summary>
    /// Stacks the transitions (age i → age i−n, n = <paramref name="into"/>'s <see cref="Transitions.Steps"/>) for each
    /// age in <paramref name="ages"/>, over the slots present in every step from i to i−n (spec section 9, defect 2:
    /// a slot absent in between was dropped and refilled, so its rows are not one stream), into the row buffers, with
    /// the action losses of steps i−1 .. i−n; returns the number of rows.
    /// With <paramref name="targetsAsActions"/> the one-hot targets stand in for the actions
    /// (<c>mem_train_with_targets</c>).
    /// </summary>
    public int GatherTransitions(ReadOnlySpan<int> ages, bool targetsAsActions, Transitions into)
    {
        int n = into.Steps, row = 0;
        foreach (int age in ages)
        {
            if (age < n || age >= Filled) throw new ArgumentOutOfRangeException(nameof(ages), $"age {age} outside {n}..{Filled - 1}");
            for (int slot = 0; slot < Slots; slot++)
            {
                if (!PresentThroughout(age, n, slot)) continue;
                Input(age, slot).CopyTo(into.Input.Row(row));
                Memory(age, slot).CopyTo(into.Memory.Row(row));
                WriteAction(age, slot, targetsAsActions, into.Action.Row(row));
                Input(age - n, slot).CopyTo(into.NextInput.Row(row));
                Memory(age - n, slot).CopyTo(into.NextMemory.Row(row));
                WriteAction(age - n, slot, targetsAsActions, into.NextAction.Row(row));
                into.NextLoss[row] = Loss(age - 1, slot);
                if (n > 1) for (int k = 0; k < n; k++) into.StepLosses[row * n + k] = Loss(age - 1 - k, slot);
                row++;
            }
        }
        into.SetRows(row);
        return row;
    }

    private bool PresentThroughout(int age, int n, int slot)
    {
        for (int a = age; a >= age - n; a--) if (!IsPresent(a, slot)) return false;
        return true;
    }

    private void WriteAction(int age, int slot, bool targetsAsActions, Span<float> row)
    {
        if (!targetsAsActions) { Action(age, slot).CopyTo(row); return; }
        row.Clear();
        row[Target(age, slot)] = 1f;
    }
}
