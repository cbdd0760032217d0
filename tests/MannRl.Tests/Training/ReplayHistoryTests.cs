using MannRl.Engine;
using MannRl.Training;

namespace MannRl.Tests.Training;

public class ReplayHistoryTests
{
    // One step: the given slots present, each with input = memory = action = its marker value and loss = marker.
    private static void Record(ReplayHistory h, float marker, params int[] slots)
    {
        foreach (int s in slots)
        {
            h.SetPresent(s, target: s);
            h.Input(0, s).Fill(marker + s);
            h.Memory(0, s).Fill(marker + s);
            h.Action(0, s).Fill(marker + s);
            h.Loss(0, s) = marker + s;
        }
    }

    [Fact]
    public void TransitionsPairOnlySlotsPresentInBothSteps()
    {
        var h = new ReplayHistory(capacity: 4, slots: 3, inputDim: 2, memoryDim: 2, actionDim: 3);
        Record(h, 10, 0, 1, 2); h.Push();   // age 2: all present
        Record(h, 20, 1, 2); h.Push();      // age 1: batch shrank at the end of an epoch (slot 0 gone)
        Record(h, 30, 0, 1, 2);             // age 0: a new epoch refilled every slot
        var tr = new Transitions(16, 2, 2, 3);

        int rows = h.GatherTransitions([1, 2], targetsAsActions: false, tr);

        // age 1 -> 0: slots 1, 2 (slot 0 absent at age 1); age 2 -> 1: slots 1, 2 (slot 0 absent at age 1).
        Assert.Equal(4, rows);
        Assert.Equal([21f, 22f, 11f, 12f], Enumerable.Range(0, rows).Select(r => tr.Input[r, 0]));
        Assert.Equal([31f, 32f, 21f, 22f], Enumerable.Range(0, rows).Select(r => tr.NextInput[r, 0]));
        Assert.Equal([31f, 32f, 21f, 22f], tr.NextLoss.Take(rows));
        Assert.Equal([22f, 22f, 22f], tr.Action.Row(1).ToArray());
    }

    [Fact]
    public void NStepTransitionsSpanNStepsWithTheirLossesAndNeedTheSlotThroughout()
    {
        var h = new ReplayHistory(capacity: 5, slots: 2, inputDim: 1, memoryDim: 1, actionDim: 2);
        Record(h, 10, 0, 1); h.Push();   // age 3
        Record(h, 20, 0, 1); h.Push();   // age 2
        Record(h, 30, 0); h.Push();      // age 1: slot 1 absent (dropped and refilled)
        Record(h, 40, 0, 1);             // age 0
        var tr = new Transitions(8, 1, 1, 2, steps: 2);

        int rows = h.GatherTransitions([2, 3], targetsAsActions: false, tr);

        // age 2 -> 0 and age 3 -> 1: slot 1 is absent at age 1, so only slot 0 gives rows.
        Assert.Equal(2, rows);
        Assert.Equal([20f, 10f], Enumerable.Range(0, rows).Select(r => tr.Input[r, 0]));
        Assert.Equal([40f, 30f], Enumerable.Range(0, rows).Select(r => tr.NextMemory[r, 0]));
        // The losses of the two steps after t, in order: t+1, t+2.
        Assert.Equal([30f, 40f, 20f, 30f], tr.StepLosses.Take(2 * rows));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.GatherTransitions([1], targetsAsActions: false, tr));
    }

    [Fact]
    public void NStepSamplingDrawsAgesFromN()
    {
        var h = new ReplayHistory(capacity: 6, slots: 1, inputDim: 1, memoryDim: 1, actionDim: 2);
        for (int step = 0; step < 6; step++)
        {
            Record(h, 10 * step, 0);
            if (step < 5) h.Push();
        }
        var sampled = new Transitions(4, 1, 1, 2, steps: 3);
        int rows = h.SampleTransitions(new Rng(9), steps: 3, targetsAsActions: false, sampled);

        var ages = new int[3];
        new Rng(9).SampleDistinct(3, 5, ages);
        Assert.Equal(3, rows);
        Assert.Equal(ages.Select(a => 10f * (5 - a)), Enumerable.Range(0, rows).Select(r => sampled.Input[r, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.SampleTransitions(new Rng(9), steps: 4, targetsAsActions: false, sampled));
    }

    [Fact]
    public void TargetsCanStandInForActions()
    {
        var h = new ReplayHistory(3, 2, 1, 1, 3);
        Record(h, 0, 0, 1); h.Push();
        Record(h, 5, 0, 1);
        var tr = new Transitions(4, 1, 1, 3);
        h.GatherTransitions([1], targetsAsActions: true, tr);
        Assert.Equal([1f, 0f, 0f], tr.Action.Row(0).ToArray());
        Assert.Equal([0f, 1f, 0f], tr.NextAction.Row(1).ToArray());
    }

    [Fact]
    public void SamplingDrawsDistinctAgesAndStacksTheirTransitions()
    {
        var h = new ReplayHistory(capacity: 6, slots: 2, inputDim: 1, memoryDim: 1, actionDim: 2);
        for (int step = 0; step < 6; step++)
        {
            Record(h, 10 * step, 0, 1);
            if (step < 5) h.Push();
        }
        var sampled = new Transitions(8, 1, 1, 2);
        int rows = h.SampleTransitions(new Rng(5), steps: 4, targetsAsActions: false, sampled);

        // The same draw by hand: the ages in draw order, each age's two slots in slot order.
        var ages = new int[4];
        new Rng(5).SampleDistinct(1, 5, ages);
        Assert.Equal(4, ages.Distinct().Count());
        var gathered = new Transitions(8, 1, 1, 2);
        Assert.Equal(h.GatherTransitions(ages, targetsAsActions: false, gathered), rows);
        Assert.Equal(8, rows);
        Assert.Equal(gathered.Input.AsSpan().ToArray(), sampled.Input.AsSpan().ToArray());
        Assert.Equal(gathered.NextLoss, sampled.NextLoss);
        Assert.Throws<ArgumentOutOfRangeException>(() => h.SampleTransitions(new Rng(5), steps: 6, targetsAsActions: false, sampled));
    }

    [Fact]
    public void PushStartsFromZeroMemoryAndForgetsTheOldestStep()
    {
        var h = new ReplayHistory(2, 1, 1, 2, 1);
        Record(h, 7, 0);
        h.Push();
        Assert.Equal([0f, 0f], h.Memory(0, 0).ToArray());
        Assert.False(h.IsPresent(0, 0));
        Assert.True(h.IsPresent(1, 0));
        h.Push(); // ring of 2: the step with marker 7 is gone
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Input(2, 0));
        Assert.Equal(2, h.Filled);
    }
}
