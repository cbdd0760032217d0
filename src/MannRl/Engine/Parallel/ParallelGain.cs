using System.Diagnostics;

namespace MannRl.Engine.Parallel;

/// <summary>
/// Whether the helpers pay for themselves, measured on the jobs themselves: for each job the caller's own time per task
/// times the job's tasks estimates how long the caller would have taken alone; summed over a window of jobs and
/// divided by the jobs' real time, that is the gain of the helpers. A helper that runs late (its CPU busy with another
/// process, so it starts late or is descheduled inside a task while the caller waits for it) drives the gain to 1 or
/// below. Below <see cref="MinGain"/>, jobs run on the caller alone for a back-off time that doubles at each failed
/// probe (from <see cref="FirstBackOffSeconds"/> to <see cref="MaxBackOffSeconds"/>); results never depend on it.
/// Not thread-safe: its owner serialises the calls.
/// </summary>
internal sealed class ParallelGain
{
    /// <summary>Least gain worth keeping the helpers for: below, the caller alone is about as fast.</summary>
    public const double MinGain = 1.05;

    /// <summary>Job time (seconds) one judgement covers: many jobs, so that one preemption does not decide it.</summary>
    public const double WindowSeconds = 0.02;

    /// <summary>First time (seconds) the jobs run alone after helpers were found late.</summary>
    public const double FirstBackOffSeconds = 1;

    /// <summary>Longest time (seconds) between two probes of the helpers.</summary>
    public const double MaxBackOffSeconds = 64;

    private readonly long _frequency, _window;
    private long _soloEstimate, _actual, _aloneUntil, _backOff;

    /// <summary>A judge on a clock of <paramref name="frequency"/> ticks per second.</summary>
    public ParallelGain(long frequency)
    {
        _frequency = frequency;
        _window = (long)(WindowSeconds * frequency);
        _backOff = (long)(FirstBackOffSeconds * frequency);
    }

    /// <summary>A judge on <see cref="Stopwatch"/> ticks.</summary>
    public ParallelGain() : this(Stopwatch.Frequency) { }

    /// <summary>Times the helpers were found not to pay and set aside.</summary>
    public int FallBacks { get; private set; }

    /// <summary>Whether a job starting at <paramref name="now"/> may use helpers.</summary>
    public bool UseHelpers(long now) => now >= _aloneUntil;

    /// <summary>
    /// Records a job: the caller ran <paramref name="callerTasks"/> of its <paramref name="tasks"/> tasks in
    /// <paramref name="callerTicks"/>, and the job took <paramref name="jobTicks"/> from start to the last helper's
    /// end. Returns true when this job closed a window whose gain was too low: the next jobs run alone.
    /// </summary>
    public bool Record(long callerTicks, int callerTasks, int tasks, long jobTicks, long now)
    {
        if (callerTasks <= 0 || jobTicks <= 0) return false;
        _soloEstimate += callerTicks * tasks / callerTasks;
        _actual += jobTicks;
        if (_actual < _window) return false;
        double gain = _soloEstimate / (double)_actual;
        _soloEstimate = _actual = 0;
        if (gain >= MinGain)
        {
            _backOff = (long)(FirstBackOffSeconds * _frequency);
            return false;
        }
        _aloneUntil = now + _backOff;
        _backOff = Math.Min(_backOff * 2, (long)(MaxBackOffSeconds * _frequency));
        FallBacks++;
        return true;
    }
}
