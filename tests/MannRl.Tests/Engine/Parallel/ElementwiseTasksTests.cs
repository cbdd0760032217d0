using MannRl.Engine;
using MannRl.Engine.Parallel;

namespace MannRl.Tests.Engine.Parallel;

/// <summary>
/// <see cref="ElementwiseTasks"/> cuts an element-wise pass into ranges: for every length and thread count each element
/// is passed exactly once, and every range starts at a multiple of 16 (vector loops see the same alignment).
/// </summary>
[Collection("Gemm threads")]
public sealed unsafe class ElementwiseTasksTests
{
    private struct Visits
    {
        public int* Count;
        public int BadStarts;
    }

    private static void Visit(void* state, int start, int end)
    {
        ref var v = ref *(Visits*)state;
        if (start % 16 != 0) Interlocked.Increment(ref v.BadStarts);
        for (int i = start; i < end; i++) Interlocked.Increment(ref v.Count[i]);
    }

    [Fact]
    public void EveryElementIsPassedOnceForEveryLengthAndThreadCount()
    {
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var compute = new Compute(threads);
            foreach (int length in KernelCheck.Lengths.Append(ElementwiseTasks.ElementsPerThread * 3 + 5))
            {
                foreach (int perThread in new[] { 1, 16, 100, ElementwiseTasks.ElementsPerThread })
                {
                    var counts = new int[length + 1];
                    fixed (int* c = counts)
                    {
                        var visits = new Visits { Count = c };
                        ElementwiseTasks.Run(compute, &Visit, &visits, length, perThread);
                        Assert.True(visits.BadStarts == 0, $"a range of {length} elements ({threads} threads, {perThread} per thread) did not start at a multiple of 16");
                    }
                    for (int i = 0; i < length; i++)
                        Assert.True(counts[i] == 1, $"element {i} of {length} ({threads} threads, {perThread} per thread) was passed {counts[i]} times");
                    Assert.Equal(0, counts[length]);
                }
            }
        }
    }
}
