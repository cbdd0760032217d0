using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MannRl.Checkpoints;
using MannRl.Config;
using MannRl.Reports.Curves;
using MannRl.Reports.Memory;
using MannRl.Tests.Reports;

namespace MannRl.Tests.Cli;

/// <summary><c>mannrl plot</c>, <c>inspect</c> and <c>report</c> on two tiny logic runs trained in the test's own folder.</summary>
public sealed class PictureCliTests : IClassFixture<PictureCliTests.TwoRuns>
{
    private readonly TwoRuns _runs;

    public PictureCliTests(TwoRuns runs) => _runs = runs;

    /// <summary>Two 3-epoch logic runs that differ in memory_dim only, on data generated into a fresh data directory.</summary>
    public sealed class TwoRuns : IDisposable
    {
        public TwoRuns()
        {
            Root = Directory.CreateTempSubdirectory("mannrl-pictures-").FullName;
            DataDir = Path.Combine(Root, "data");
            Wide = Path.Combine(Root, "wide");
            Narrow = Path.Combine(Root, "narrow");
            foreach (var (dir, units) in new[] { (Wide, 16), (Narrow, 8) })
            {
                string config = Path.Combine(Root, $"tiny{units}.yaml");
                File.WriteAllText(config, $$"""
                    { "dataset": "logic", "action_model": "flatdann", "use_swish": true, "mem_model": "flatmnnNA",
                      "memory_dim": {{units}}, "history": 6, "settle": 2, "epochs": 3, "batch_size": 16, "eval_batch_size": 64,
                      "loss_function": "cross_entropy", "action_optimizer": "adam", "action_learning_rate": 0.001,
                      "action_clipping": 1, "mem_optimizer": "rmsprop", "mem_learning_rate": 0.00001, "mem_clipping": 1,
                      "mem_train_iterations": 1, "mem_num_samples": 4, "mem_gamma": 0.99, "mem_dampen_losses": 3,
                      "eval_interval": 1, "train_eval_truncate_size": 500 }
                    """);
                var r = CliRunner.Run(Root, "train", config, dir, "--data-dir", DataDir, "--threads", "1", "--quiet");
                Assert.True(r.ExitCode == 0, $"training {dir} failed: {r.Err}");
            }
        }

        public string Root { get; }
        public string DataDir { get; }

        /// <summary>The run with 16 memory units.</summary>
        public string Wide { get; }

        /// <summary>The run with 8 memory units.</summary>
        public string Narrow { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public void PlotDrawsSeveralRunsAsAPngOfTheFigureSizeNamedByWhatDiffers()
    {
        using var tmp = new TempDir();
        var png = tmp.File("both.png");
        var r = CliRunner.Run(tmp.Path, "plot", _runs.Wide, _runs.Narrow, "--out", png);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal((CurvesFigure.Width, CurvesFigure.Height), Png.Size(png));
        Assert.True(new FileInfo(png).Length > 20_000, "a figure with four panels of lines is more than a blank image");
        Assert.Contains("2 run(s): memory_dim=16; memory_dim=8", r.Out);
    }

    [Fact]
    public void PlotWritesSvgAndDefaultsToCurvesPngInTheCurrentDirectory()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run(tmp.Path, "plot", _runs.Wide, "--out", "curves.svg");
        Assert.True(r.ExitCode == 0, r.Err);
        var svg = File.ReadAllText(tmp.File("curves.svg"));
        Assert.Contains("<svg", svg);
        Assert.Contains($"width=\"{CurvesFigure.Width}\"", svg);
        Assert.Contains("<path", svg);

        Assert.Equal(0, CliRunner.Run(tmp.Path, "plot", _runs.Wide).ExitCode);
        Assert.Equal((CurvesFigure.Width, CurvesFigure.Height), Png.Size(tmp.File("curves.png")));
    }

    [Theory]
    [InlineData("missing", "curves.png", "does not exist")]
    [InlineData("data", "curves.png", "has no metrics.csv")]
    [InlineData("wide", "curves.jpg", "name the file .png or .svg")]
    public void PlotRefusesWhatItCannotDrawInOneLine(string dir, string output, string message)
    {
        var r = CliRunner.Run(_runs.Root, "plot", dir, "--out", Path.Combine(_runs.Root, output));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void InspectDrawsStepsByUnitsAndDumpsTheTraceReadableBack()
    {
        using var tmp = new TempDir();
        var config = ConfigLoader.Load(Path.Combine(_runs.Wide, "config.yaml")).Config;
        var data = Experiment.LoadData(config, _runs.DataDir, null);
        var sequence = data.Validation[2];
        int steps = sequence.Length;

        var r = CliRunner.Run(tmp.Path, "inspect", _runs.Wide, "--sequence", "2", "--out", "memory.png", "--dump", "trace.safetensors");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains($"heatmap: {steps} steps x 16 units", r.Out);

        var (tensors, meta) = SafeTensors.Read(tmp.File("trace.safetensors"));
        Assert.Equal(new[] { steps, 16 }, tensors["memory"].Shape);
        Assert.Equal(new[] { steps, data.TargetDim }, tensors["probabilities"].Shape);
        Assert.Equal(sequence.Targets.Select(t => (float)t), tensors["targets"].Data);
        Assert.Equal("2", meta["sequence"]);
        var targetSymbols = JsonSerializer.Deserialize<string[]>(meta["target_symbols"])!;
        var inputSymbols = JsonSerializer.Deserialize<string[]>(meta["input_symbols"])!;
        static int[] Ids(SafeTensors.Tensor t) => t.Data.Select(v => (int)v).ToArray();
        var trace = new MemoryTrace(2, "validation", 16, tensors["memory"].Data, tensors["probabilities"].Data, Ids(tensors["targets"]),
            Ids(tensors["predictions"]), Ids(tensors["inputs"]), targetSymbols, inputSymbols);
        var layout = MemoryHeatmapFigure.LayoutOf(trace);
        Assert.Equal((steps, 16), (layout.Steps, layout.Units.Length));
        Assert.Equal((layout.Width, layout.Height), Png.Size(tmp.File("memory.png")));

        // The .npy holds the same memory, (steps, units) float32 in C order.
        Assert.Equal(0, CliRunner.Run(tmp.Path, "inspect", _runs.Wide, "--sequence", "2", "--out", "memory.svg", "--dump", "trace.npy").ExitCode);
        var (shape, values) = ReadNpy(tmp.File("trace.npy"));
        Assert.Equal("(" + steps + ", 16)", shape);
        Assert.Equal(tensors["memory"].Data, values);
        Assert.Contains("<svg", File.ReadAllText(tmp.File("memory.svg")));
    }

    [Fact]
    public void InspectRefusesARunWithoutMemoryNetAndASequenceOutsideTheSplit()
    {
        var lstm = Path.Combine(_runs.Root, "lstm-like");
        Directory.CreateDirectory(lstm);
        File.WriteAllText(Path.Combine(lstm, "config.yaml"),
            File.ReadAllText(Path.Combine(_runs.Wide, "config.yaml")).Replace("model: \"mann-rl\"", "model: \"lstm\""));
        var r = CliRunner.Run(_runs.Root, "inspect", lstm);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("model lstm has no memory-net", r.Err);

        r = CliRunner.Run(_runs.Root, "inspect", _runs.Wide, "--sequence", "100000");
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(@"--sequence 100000 is not in validation: pass 0\.\.\d+", r.Err);

        r = CliRunner.Run(_runs.Root, "inspect", _runs.Wide, "--dump", "trace.csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("name the file .npy or .safetensors", r.Err);
    }

    [Fact]
    public void ReportWritesOneSelfContainedPageWithEveryImageEmbedded()
    {
        using var tmp = new TempDir();
        var page = tmp.File("report.html");
        var r = CliRunner.Run(tmp.Path, "report", _runs.Wide, "--out", page);
        Assert.True(r.ExitCode == 0, r.Err);
        var html = File.ReadAllText(page);
        int images = html.Split("<img src=\"data:image/png;base64,").Length - 1;
        Assert.Contains($"({images} images embedded)", r.Out);
        // Curves, confusion matrix and at least one memory heatmap; none refers to another file.
        Assert.InRange(images, 3, 2 + 2 * 2);
        Assert.Equal(images, html.Split("<img ").Length - 1);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("<tr class=\"changed\"><td class=\"k\">memory_dim</td><td class=\"k\">16</td>", html);
        Assert.Contains("validation sequence", html);
        foreach (var name in Directory.GetFiles(Path.Combine(_runs.Wide, "checkpoints"), "*.action.safetensors"))
            Assert.Contains(Path.GetFileName(name)[..^".action.safetensors".Length], html);
        Assert.Contains("memory-net trainings", html);
    }

    [Fact]
    public void ReportRefusesAFolderThatIsNeitherRunNorSweep()
    {
        var r = CliRunner.Run(_runs.Root, "report", _runs.DataDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("neither a sweep's OUTDIR", r.Err);
    }

    [SkippableFact]
    public void ReportMadeByTheCliOpensInHeadlessChromiumWithEveryImageDrawn()
    {
        var browser = HeadlessChromium.Find();
        Requires.Need(browser is not null, HeadlessChromium.RequireVariable, "needs Chromium on PATH (Debian: apt-get install chromium)");
        using var tmp = new TempDir();
        var page = tmp.File("report.html");
        Assert.Equal(0, CliRunner.Run(tmp.Path, "report", _runs.Narrow, "--out", page).ExitCode);
        var state = HeadlessChromium.Open(browser!, page);
        Assert.True(state.Loaded, "the page loaded");
        Assert.Equal("mannrl report: narrow", state.Title);
        Assert.Empty(state.Errors);
        Assert.InRange(state.Images.Count, 3, 6);
        Assert.All(state.Images, i =>
        {
            Assert.True(i.Complete && i.Width > 100 && i.Height > 100, $"image '{i.Alt}' decoded ({i.Width} x {i.Height})");
            Assert.True(i.Colours > 8, $"image '{i.Alt}' is not blank ({i.Colours} colours)");
        });
    }

    /// <summary>The shape text and float32 values of a version 1.0 .npy file.</summary>
    private static (string Shape, float[] Values) ReadNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, bytes[..6]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'fortran_order': False", header);
        Assert.Equal(0, (10 + headerLength) % 64);
        int open = header.IndexOf("'shape': ", StringComparison.Ordinal) + 9;
        string shape = header[open..(header.IndexOf(')', open) + 1)];
        var values = new float[(bytes.Length - 10 - headerLength) / 4];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * 4);
        return (shape, values);
    }
}
