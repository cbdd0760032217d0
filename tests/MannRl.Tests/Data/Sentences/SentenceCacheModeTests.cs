using MannRl.Data.Sentences;

namespace MannRl.Tests.Data.Sentences;

public class SentenceCacheModeTests
{
    [Fact]
    public void AReadOnlyDataDirectoryGetsNoCacheEvenForRoot()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Directory.CreateTempSubdirectory("mannrl-ro-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, "corpus.txt"), SentenceTestData.Sentences(40));
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var lines = new List<string>();
            var task = SentenceTask.Open(dir, new SentenceOptions { SentencesFile = "corpus.txt" }, lines.Add);
            Assert.False(Directory.Exists(Path.Combine(dir, "cache")));
            Assert.Contains(lines, l => l.Contains("no write permission"));
            Assert.True(task.Dataset.Train.Count > 0);
        }
        finally
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(dir, recursive: true);
        }
    }
}
