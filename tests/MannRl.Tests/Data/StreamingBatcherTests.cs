using MannRl.Data;
using MannRl.Engine;

namespace MannRl.Tests.Data;

public class StreamingBatcherTests
{
    private static Sequence Seq(int id, int length) =>
        Sequence.OneHot(Enumerable.Repeat(id, length).ToArray(), Enumerable.Range(0, length).ToArray());

    private static List<(int Slot, int Sequence, int Position)> Step(StreamingBatcher b) =>
        b.Present.ToArray().Select(s => (s, b.SequenceOf(s), b.PositionOf(s))).ToList();

    [Fact]
    public void SlotsTakeTheNextSequenceAndShrinkAtTheEnd()
    {
        var b = new StreamingBatcher(3, minSlots: 1);
        b.Restart([Seq(0, 2), Seq(1, 3), Seq(2, 1), Seq(3, 2)], shuffle: null);
        Assert.True(b.Next());
        Assert.Equal([(0, 0, 0), (1, 1, 0), (2, 2, 0)], Step(b));
        Assert.True(b.Next());
        Assert.Equal([(0, 0, 1), (1, 1, 1), (2, 3, 0)], Step(b)); // slot 2 moves on to sequence 3, memory kept
        Assert.True(b.AtEnd(0));
        Assert.True(b.Next());
        Assert.Equal([(1, 1, 2), (2, 3, 1)], Step(b));            // slot 0 dropped: nothing left; slots keep identity
        Assert.False(b.Next());
    }

    [Fact]
    public void TrainingStopsBelowTwoSlots()
    {
        var b = new StreamingBatcher(2, minSlots: 2);
        b.Restart([Seq(0, 1), Seq(1, 3)], shuffle: null);
        Assert.True(b.Next());
        Assert.False(b.Next()); // one slot left
    }

    [Fact]
    public void ShuffleIsSeededAndCoversEverySequenceOnce()
    {
        var seqs = Enumerable.Range(0, 50).Select(i => Seq(i, 1 + i % 3)).ToArray();
        List<int> Order(ulong seed)
        {
            var b = new StreamingBatcher(4, 1);
            b.Restart(seqs, new Rng(seed));
            var seen = new List<int>();
            while (b.Next()) foreach (int s in b.Present) if (b.PositionOf(s) == 0) seen.Add(b.SequenceOf(s));
            return seen;
        }
        var a = Order(5);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
        Assert.Equal(a, Order(5));
        Assert.NotEqual(a, Order(6));
    }

    [Fact]
    public void WritesOneHotAndDenseInputs()
    {
        var b = new StreamingBatcher(2, 1);
        b.Restart([Sequence.OneHot([2, 0], [0, 1]), Sequence.Dense([1, 2, 3, 4], 2, [0, 1])], null);
        b.Next();
        var row = new float[3];
        b.WriteInput(0, row);
        Assert.Equal([0f, 0f, 1f], row);
        var dense = new float[2];
        b.Next();
        b.WriteInput(1, dense);
        Assert.Equal([3f, 4f], dense);
    }
}
