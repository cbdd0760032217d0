namespace MannRl.Tests;

/// <summary>
/// What a test needs from outside the repository (the shared data, a browser, a Slurm cluster). A missing need skips the
/// test with a reason, unless its environment variable (exported by <c>.ci/run</c>) says it must be there: then it fails.
/// Use in a <c>[SkippableFact]</c> / <c>[SkippableTheory]</c>.
/// </summary>
public static class Requires
{
    /// <summary>Environment variable that makes a missing <c>../shared/data</c> a failure instead of a skip.</summary>
    public const string SharedDataVariable = "MANNRL_REQUIRE_SHARED_DATA";

    /// <summary>Skips (or, when required, fails) unless <c>../shared/data</c> exists beside the repository.</summary>
    public static void SharedData() =>
        Need(Directory.Exists(TestPaths.SharedDataLocation), SharedDataVariable,
            $"needs the shared data at '{TestPaths.SharedDataLocation}' (absent in a fresh clone)");

    /// <summary>
    /// Skips (or fails when <paramref name="variable"/> is 1) unless <paramref name="available"/>; <paramref name="what"/>
    /// says what is missing and where it comes from.
    /// </summary>
    public static void Need(bool available, string variable, string what)
    {
        if (available) return;
        if (Environment.GetEnvironmentVariable(variable) == "1")
            Assert.Fail($"{what}, and {variable}=1 says it must be present");
        Skip.If(true, $"{what}; set {variable}=1 to make this a failure");
    }
}
