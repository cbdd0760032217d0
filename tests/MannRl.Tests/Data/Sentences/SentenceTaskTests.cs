using MannRl.Data;
using MannRl.Data.Sentences;

namespace MannRl.Tests.Data.Sentences;

public sealed class SentenceTaskTests : IDisposable
{
    private readonly SentenceTestData _data = new();
    private readonly List<string> _log = [];

    public void Dispose() => _data.Dispose();

    private SentenceTask Open(SentenceOptions options) => SentenceTask.Open(_data.Dir, options, _log.Add);

    private SentenceOptions Memorise(int count, int seed = 1)
    {
        _data.Write("corpus.txt", SentenceTestData.Sentences(count, seed));
        return new SentenceOptions { SentencesFile = "corpus.txt", UseCache = false };
    }

    private string Text(Sequence s, SentenceTask task, bool input) =>
        string.Concat((input ? s.InputIds! : s.Targets).Select(i => task.Vocabulary.Symbols[i]));

    [Fact]
    public void Split_is_95_5_of_shuffled_distinct_pairs_and_deterministic()
    {
        var options = Memorise(401);
        var a = Open(options);
        var b = Open(options);
        Assert.Equal(401, a.Pairs.Count);
        Assert.Equal(380, a.TrainPairs.Count); // floor(0.95 * 401)
        Assert.Equal(21, a.ValidationPairs.Count);
        Assert.Equal(a.Pairs, b.Pairs);
        Assert.Equal(a.Pairs.Select(p => p.Source).Order(StringComparer.Ordinal), SentenceTestData.Sentences(401).Order(StringComparer.Ordinal));
        Assert.All(a.Pairs, p => Assert.Equal(p.Source, p.Target));
        Assert.NotEqual(SentenceTestData.Sentences(401), a.Pairs.Select(p => p.Source)); // shuffled
        Assert.Empty(a.TrainPairs.Intersect(a.ValidationPairs));
        Assert.Equal(380, a.Dataset.Train.Count);
        Assert.Equal(21, a.Dataset.Validation.Count);

        var other = Open(options with { Seed = 13 });
        Assert.NotEqual(a.Pairs, other.Pairs);
    }

    [Fact]
    public void Dataset_symbols_are_the_sorted_vocabulary_for_inputs_and_targets()
    {
        var task = Open(Memorise(200) with { Dataset = SentenceOptions.Memorisation });
        var ds = task.Dataset;
        Assert.Equal("wmt2014-en", ds.Name);
        Assert.Same(ds.TargetSymbols, ds.InputSymbols);
        Assert.Equal(ds.InputDim, ds.TargetDim);
        Assert.Equal(ds.TargetSymbols.Order(StringComparer.Ordinal), ds.TargetSymbols);
        Assert.Equal(task.Vocabulary.CodePoints.Order(), task.Vocabulary.CodePoints);
        Assert.All("0123456789", d => Assert.Contains(d.ToString(), ds.TargetSymbols));
        Assert.All(SentenceSymbols.All, c => Assert.Contains(char.ConvertFromUtf32(c), ds.TargetSymbols));
        // 30 letters/punctuation of the generator (space, ',', '.', '0', a..z) + 9 added digits + 4 reserved.
        Assert.Equal(30 + 9 + 4, ds.InputDim);

        var first = ds.Train[0];
        var (input, target) = task.Strings(task.TrainPairs[0]);
        Assert.Equal(input, Text(first, task, input: true));
        Assert.Equal(target, Text(first, task, input: false));
    }

    [Fact]
    public void Without_curriculum_truncation_keeps_the_first_shuffled_pairs()
    {
        var task = Open(Memorise(300) with { TrainTruncate = 50, ValidationTruncate = 5 });
        Assert.Equal(task.TrainPairs.Take(50), task.TrainSelection);
        Assert.Equal(50, task.Dataset.Train.Count);
        Assert.Equal(5, task.ValidationPairs.Count);
        Assert.Equal(task.Pairs[task.TrainPairs.Count], task.ValidationPairs[0]);
        Assert.Same(task.Dataset.Train, task.Dataset.TrainForEpoch(1000));
    }

    [Fact]
    public void With_curriculum_truncation_keeps_the_shortest_in_stable_length_order()
    {
        var task = Open(Memorise(300) with { TrainTruncate = 50, Curriculum = new CurriculumSchedule(10, 20) });
        var lengths = task.TrainSelection.Select(p => p.Length).ToArray();
        Assert.Equal(50, lengths.Length);
        Assert.Equal(lengths.Order(), lengths);
        int longestKept = lengths[^1];
        var rest = task.TrainPairs.Except(task.TrainSelection).ToArray();
        Assert.All(rest, p => Assert.True(p.Length >= longestKept));
        // Ties keep their shuffled order (Python's stable sort).
        var expected = task.TrainPairs.Select((p, i) => (p, i)).OrderBy(t => t.p.Length).ThenBy(t => t.i).Take(50).Select(t => t.p);
        Assert.Equal(expected, task.TrainSelection);
        Assert.Equal([20, 20, 10], task.ChunkSizes);
    }

    [Fact]
    public void Curriculum_adds_a_chunk_every_milestone_epochs()
    {
        var options = Memorise(300) with { TrainTruncate = 50, Curriculum = new CurriculumSchedule(3, 20) };
        var task = Open(options);
        int[] sizes = Enumerable.Range(0, 12).Select(e => task.TrainForEpoch(e).Count).ToArray();
        Assert.Equal([20, 20, 20, 40, 40, 40, 50, 50, 50, 50, 50, 50], sizes);
        Assert.Equal(task.TrainForEpoch(4), task.Dataset.TrainForEpoch(4));
        Assert.Equal(50, task.Dataset.Train.Count);
        // Epoch 3 trains on the 40 shortest, in order.
        var (input, _) = task.Strings(task.TrainSelection[39]);
        Assert.Equal(input, Text(task.TrainForEpoch(3)[39], task, input: true));
    }

    [Fact]
    public void One_character_pairs_join_the_first_chunk()
    {
        var options = Memorise(300) with { TrainTruncate = 50, Curriculum = new CurriculumSchedule(3, 20), AddCharsToCurriculum = true };
        var task = Open(options);
        int symbols = task.Vocabulary.Count - 4;
        Assert.Equal(symbols, task.CharacterPairs.Count);
        Assert.Equal(20 + symbols, task.TrainForEpoch(0).Count);
        Assert.Equal(40 + symbols, task.TrainForEpoch(3).Count);
        Assert.Equal(50 + symbols, task.Dataset.Train.Count);
        // After chunk 0: one pair per symbol, in vocabulary order.
        var firstChar = task.TrainForEpoch(0)[20];
        Assert.Equal($"{SentenceSymbols.Start}0{SentenceSymbols.Separator}{task.CharacterPairs[0].Target}{SentenceSymbols.End}", Text(firstChar, task, input: false));
        Assert.Equal(task.CharacterPairs.Select(p => p.Source), task.Vocabulary.Symbols.Where(s => !SentenceSymbols.IsReserved(char.ConvertToUtf32(s, 0))));

        // Without a curriculum the flag does nothing, as in the original.
        var flat = Open(options with { Curriculum = null });
        Assert.Empty(flat.CharacterPairs);
        Assert.Equal(50, flat.Dataset.Train.Count);
    }

    [Fact]
    public void Train_eval_mirrors_the_curriculum_unless_forced_off()
    {
        var options = Memorise(300) with { TrainTruncate = 100, Curriculum = new CurriculumSchedule(3, 20), AddCharsToCurriculum = true };
        var task = Open(options);
        int chars = task.CharacterPairs.Count;
        // truncate 30 of the shortest: chunks of 20 and 10.
        Assert.Equal(20 + chars, task.TrainEvalForEpoch(0, 30).Count);
        Assert.Equal(30 + chars, task.TrainEvalForEpoch(3, 30).Count);
        Assert.Equal(task.TrainForEpoch(2), task.TrainEvalForEpoch(2, 100));
        Assert.Equal(task.TrainForEpoch(7), task.TrainEvalForEpoch(7, -1));

        var forced = Open(options with { ForceNonCurriculumTrainEval = true });
        var evalSet = forced.TrainEvalForEpoch(0, 30);
        Assert.Equal(30, evalSet.Count);
        Assert.Equal(task.Strings(forced.TrainPairs[0]).Input, Text(evalSet[0], forced, input: true));
        Assert.Equal(forced.TrainPairs.Count, forced.TrainEvalForEpoch(5, -1).Count);
    }

    [Fact]
    public void Translation_reads_two_aligned_files_in_both_directions()
    {
        var en = SentenceTestData.Sentences(100, seed: 2);
        var fr = SentenceTestData.Sentences(100, seed: 3);
        _data.Write("en.txt", en);
        _data.Write("fr.txt", fr);
        var task = Open(new SentenceOptions { Dataset = SentenceOptions.Translation, SentencesFile = "en.txt", SentencesFileTarget = "fr.txt", UseCache = false });
        Assert.Equal("wmt2014-en-fr", task.Dataset.Name);
        Assert.Equal(200, task.Pairs.Count);
        Assert.Contains(new SentencePair(en[5], fr[5]), task.Pairs);
        Assert.Contains(new SentencePair(fr[5], en[5]), task.Pairs);

        _data.Write("fr.txt", fr.Take(99));
        var e = Assert.Throws<InvalidDataException>(() => Open(new SentenceOptions { Dataset = SentenceOptions.Translation, SentencesFile = "en.txt", SentencesFileTarget = "fr.txt", UseCache = false }));
        Assert.Contains("100 lines", e.Message);
    }

    [Fact]
    public void Bom_and_crlf_read_like_plain_lf()
    {
        var lines = SentenceTestData.Sentences(120);
        _data.Write("lf.txt", lines);
        _data.Write("crlf.txt", lines, newline: "\r\n", bom: true);
        var lf = Open(new SentenceOptions { SentencesFile = "lf.txt", UseCache = false });
        var crlf = Open(new SentenceOptions { SentencesFile = Path.Combine(_data.Dir, "crlf.txt"), UseCache = false });
        Assert.Equal(lf.Pairs, crlf.Pairs);
        Assert.Equal(lf.Vocabulary.CodePoints, crlf.Vocabulary.CodePoints);
    }

    [Fact]
    public void Readlines_semantics()
    {
        Assert.Equal(["a", "b\r", "", "c"], SentenceFile.ReadLines([0xEF, 0xBB, 0xBF, .. "a\nb\r\n\nc"u8]));
        Assert.Equal(["a", "b"], SentenceFile.ReadLines("a\nb\n"u8));
        Assert.Empty(SentenceFile.ReadLines(""u8));
        Assert.Equal(["a\uFFFD"], SentenceFile.ReadLines([(byte)'a', 0xFF]));
    }

    [Fact]
    public void Cache_is_hit_then_invalidated_by_a_changed_file()
    {
        _data.Write("corpus.txt", SentenceTestData.Sentences(200));
        var options = new SentenceOptions { SentencesFile = "corpus.txt" };
        var first = Open(options);
        Assert.False(first.LoadedFromCache);
        string[] cached = Directory.GetFiles(Path.Combine(_data.Dir, "cache"));
        Assert.Single(cached);
        Assert.Matches(@"sentences-wmt2014-en-[0-9a-f]{16}\.bin$", cached[0]);

        var second = Open(options);
        Assert.True(second.LoadedFromCache);
        Assert.Equal(first.Pairs, second.Pairs);
        Assert.Equal(first.Vocabulary.CodePoints, second.Vocabulary.CodePoints);

        // Another seed is another entry.
        Assert.False(Open(options with { Seed = 5 }).LoadedFromCache);

        _data.Write("corpus.txt", SentenceTestData.Sentences(200, seed: 9));
        var third = Open(options);
        Assert.False(third.LoadedFromCache);
        Assert.Contains(_log, l => l.Contains("stale"));
        Assert.NotEqual(first.Pairs.ToHashSet(), third.Pairs.ToHashSet());
        Assert.True(Open(options).LoadedFromCache);
        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Dir, "cache"), "*.tmp"));
    }

    [Fact]
    public void Unwritable_cache_folder_is_logged_once_and_ignored()
    {
        _data.Write("corpus.txt", SentenceTestData.Sentences(100));
        File.WriteAllText(Path.Combine(_data.Dir, "cache"), "a file where the cache folder would go");
        var options = new SentenceOptions { SentencesFile = "corpus.txt" };
        var first = Open(options);
        Assert.False(Open(options).LoadedFromCache);
        Assert.Equal(2, _log.Count(l => l.Contains("cache not written")));
        Assert.Single(Directory.GetFileSystemEntries(_data.Dir, "cache*"));
        Assert.Equal(first.Pairs, Open(options with { UseCache = false }).Pairs);
    }

    [Fact]
    public void Corrupt_cache_is_rebuilt()
    {
        _data.Write("corpus.txt", SentenceTestData.Sentences(100));
        var options = new SentenceOptions { SentencesFile = "corpus.txt" };
        var first = Open(options);
        string entry = Directory.GetFiles(Path.Combine(_data.Dir, "cache")).Single();
        byte[] bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, bytes[..(bytes.Length / 2)]);
        var second = Open(options);
        Assert.False(second.LoadedFromCache);
        Assert.Equal(first.Pairs, second.Pairs);
        Assert.True(Open(options).LoadedFromCache);
    }

    [Fact]
    public void Missing_file_says_where_to_put_it_and_how_to_get_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Open(new SentenceOptions()));
        Assert.Contains("news-commentary-v9.fr-en.en", e.Message);
        Assert.Contains("mannrl data fetch wmt2014", e.Message);
        Assert.Contains(SentenceFile.OfflineCorpus, e.Message);
        Assert.Contains(Path.Combine(_data.Dir, "wmt2014-news"), e.Message);
    }

    [Fact]
    public void Bad_options_are_named()
    {
        Assert.Contains("wmt2014-de", Assert.Throws<ArgumentException>(() => Open(new SentenceOptions { Dataset = "wmt2014-de" })).Message);
        Assert.Throws<ArgumentException>(() => Open(new SentenceOptions { Dataset = SentenceOptions.Translation, SentencesFile = "a.txt" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CurriculumSchedule(0, 5));
        _data.Write("one.txt", ["just one"]);
        Assert.Throws<InvalidDataException>(() => Open(new SentenceOptions { SentencesFile = "one.txt", UseCache = false }));
    }
}
