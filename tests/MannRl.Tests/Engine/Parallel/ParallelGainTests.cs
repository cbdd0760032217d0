using MannRl.Engine.Parallel;

namespace MannRl.Tests.Engine.Parallel;

/// <summary>
/// Judging the helpers on the jobs' own timings (a clock of 1,000,000 ticks per second here): helpers that share the
/// work keep their place; helpers that come late or keep the caller waiting are set aside for a back-off time that
/// doubles at each failed probe and is forgotten when a probe succeeds.
/// </summary>
public sealed class ParallelGainTests
{
    private const long Frequency = 1_000_000;
    private static readonly long Window = (long)(ParallelGain.WindowSeconds * Frequency);

    // Jobs of 4 tasks, each task 10 us on the caller, until a window closes; returns whether the last one set helpers aside.
    private static bool Jobs(ParallelGain gain, int callerTasks, long jobTicks, ref long now)
    {
        for (long done = 0; ; done += jobTicks)
        {
            now += jobTicks;
            bool fellBack = gain.Record(10 * callerTasks, callerTasks, 4, jobTicks, now);
            if (done + jobTicks >= Window) return fellBack;
            Assert.False(fellBack);
        }
    }

    [Fact]
    public void HelpersThatShareTheWorkStay()
    {
        var gain = new ParallelGain(Frequency);
        long now = 0;
        Assert.False(Jobs(gain, callerTasks: 2, jobTicks: 22, ref now)); // 40 us alone in 22 us
        Assert.True(gain.UseHelpers(now));
        Assert.Equal(0, gain.FallBacks);
    }

    [Fact]
    public void LateHelpersAreSetAsideThenProbedWithDoublingBackOff()
    {
        var gain = new ParallelGain(Frequency);
        long now = 0;
        // The caller ran every task itself and paid for the wake-up: no gain.
        Assert.True(Jobs(gain, callerTasks: 4, jobTicks: 42, ref now));
        long first = (long)(ParallelGain.FirstBackOffSeconds * Frequency);
        Assert.False(gain.UseHelpers(now));
        Assert.False(gain.UseHelpers(now + first - 1));
        Assert.True(gain.UseHelpers(now + first));

        // The probe finds the caller waiting for a descheduled helper: set aside twice as long.
        now += first;
        Assert.True(Jobs(gain, callerTasks: 2, jobTicks: 400, ref now));
        Assert.False(gain.UseHelpers(now + 2 * first - 1));
        Assert.True(gain.UseHelpers(now + 2 * first));
        Assert.Equal(2, gain.FallBacks);

        // A good probe resets the back-off.
        now += 2 * first;
        Assert.False(Jobs(gain, callerTasks: 2, jobTicks: 22, ref now));
        Assert.True(Jobs(gain, callerTasks: 4, jobTicks: 42, ref now));
        Assert.True(gain.UseHelpers(now + first));
    }

    [Fact]
    public void BackOffStopsGrowingAtItsLongest()
    {
        var gain = new ParallelGain(Frequency);
        long now = 0, longest = (long)(ParallelGain.MaxBackOffSeconds * Frequency);
        for (int i = 0; i < 12; i++)
        {
            Assert.True(Jobs(gain, callerTasks: 4, jobTicks: 42, ref now));
            while (!gain.UseHelpers(now)) now += Frequency / 10;
        }
        Assert.True(Jobs(gain, callerTasks: 4, jobTicks: 42, ref now));
        Assert.False(gain.UseHelpers(now + longest - 1));
        Assert.True(gain.UseHelpers(now + longest));
    }

    [Fact]
    public void JobsWithoutCallerTasksAreNotJudged()
    {
        var gain = new ParallelGain(Frequency);
        Assert.False(gain.Record(0, 0, 4, Window * 2, Window * 2));
        Assert.True(gain.UseHelpers(Window * 2));
    }
}
