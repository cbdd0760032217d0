using System.Buffers.Binary;
using System.Text.Json;
using MannRl.Checkpoints;
using MannRl.Engine;
using MannRl.Models;

namespace MannRl.Tests.Checkpoints;

public class SafeTensorsTests
{
    private static string TempFile() => Path.Combine(Directory.CreateTempSubdirectory("mannrl-st-").FullName, "x.safetensors");

    [Fact]
    public void FilesFollowTheFormatThatPythonSafetensorsChecks()
    {
        var path = TempFile();
        SafeTensors.Write(path, [new("b", [2, 3], [1, 2, 3, 4, 5, 6]), new("a", [4], [7, 8, 9, 10])], new Dictionary<string, string> { ["k"] = "v" });

        // An independent reading of the layout: u64 little-endian header size, a JSON header, then the data,
        // whose byte ranges must be contiguous, in order, and cover the whole rest of the file.
        var bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + n) % 8); // header padded so the data are aligned
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)n));
        Assert.Equal("v", header.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());
        long expectedStart = 0;
        foreach (var name in new[] { "b", "a" })
        {
            var t = header.RootElement.GetProperty(name);
            Assert.Equal("F32", t.GetProperty("dtype").GetString());
            var offsets = t.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            long count = t.GetProperty("shape").EnumerateArray().Aggregate(1L, (a, d) => a * d.GetInt64());
            Assert.Equal(expectedStart, offsets[0]);
            Assert.Equal(offsets[0] + 4 * count, offsets[1]);
            expectedStart = offsets[1];
        }
        Assert.Equal(bytes.Length - 8 - (long)n, expectedStart);
        Assert.Equal(5f, BitConverter.ToSingle(bytes, 8 + (int)n + 16));

        var (tensors, meta) = SafeTensors.Read(path);
        Assert.Equal([7f, 8, 9, 10], tensors["a"].Data);
        Assert.Equal([2, 3], tensors["b"].Shape);
        Assert.Equal("v", meta["k"]);
    }

    [Fact]
    public void TensorsLargerThanOnePieceMoveInPiecesAndReadBackTheSame()
    {
        // A replay history can exceed the 2 GiB one span of bytes holds: data move in pieces of ChunkFloats values.
        float[] seven = [1, 2, 3, 4, 5, 6, 7], three = [8, 9, 10];
        var whole = TempFile();
        SafeTensors.Write(whole, [new("seven", [7], seven), new("three", [3], three), new("empty", [0], [])]);
        var pieces = TempFile();
        int saved = SafeTensors.ChunkFloats;
        try
        {
            SafeTensors.ChunkFloats = 3;
            SafeTensors.Write(pieces, [new("seven", [7], seven), new("three", [3], three), new("empty", [0], [])]);
            var (tensors, _) = SafeTensors.Read(pieces);
            Assert.Equal(seven, tensors["seven"].Data);
            Assert.Equal(three, tensors["three"].Data);
            Assert.Empty(tensors["empty"].Data);
        }
        finally
        {
            SafeTensors.ChunkFloats = saved;
        }
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(pieces));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 255, 0, 0, 0, 0, 0, 0, 0, 123 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'x' })]
    public void CorruptFilesAreRejectedWithTheFix(byte[] content)
    {
        var path = TempFile();
        File.WriteAllBytes(path, content);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains("not a valid safetensors file", e.Message);
        Assert.Contains("mannrl train", e.Message);
    }

    [Fact]
    public void ACheckpointRestoresNetworksAndOptimizers()
    {
        var dir = Directory.CreateTempSubdirectory("mannrl-ck-").FullName;
        var a = new FlatDann(5, 6, 3, true, new Rng(1));
        var m = new DenseMemoryNet(new MemoryNetOptions { InputDim = 5, MemoryDim = 6 }, new Rng(2));
        var ao = new Adam(a.Parameters, 0.01f);
        var mo = new RmsProp(m.Parameters, 0.01f);
        var x = Matrix.FromArray(2, 5, [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
        var mem = Matrix.FromArray(2, 6, [.1f, .2f, .3f, .4f, .5f, .6f, .6f, .5f, .4f, .3f, .2f, .1f]);
        // Change weights, BatchNorm statistics and optimizer state away from their initial values.
        var ctx = a.CreateContext(2, Compute.SingleThread);
        a.Forward(x, mem, ctx, training: true);
        a.Backward(Matrix.FromArray(2, 3, [1, -1, 0, 0, 1, -1]), ctx, false);
        ao.Step();
        var expected = a.Forward(x, mem, a.CreateContext(2, Compute.SingleThread), training: false).ToArray();
        Checkpoint.Save(dir, "t3", a, m, ao, mo, "seed: 13\n");

        var a2 = new FlatDann(5, 6, 3, true, new Rng(99));
        var m2 = new DenseMemoryNet(new MemoryNetOptions { InputDim = 5, MemoryDim = 6 }, new Rng(98));
        var ao2 = new Adam(a2.Parameters, 0.5f);
        var mo2 = new RmsProp(m2.Parameters, 0.5f);
        Checkpoint.Load(dir, "t3", a2, m2, ao2, mo2);
        Assert.Equal(expected, a2.Forward(x, mem, a2.CreateContext(2, Compute.SingleThread), training: false).ToArray());
        Assert.Equal(ao.State["0.exp_avg"], ao2.State["0.exp_avg"]);
        Assert.Equal(1, ao2.Steps);
        Assert.Equal(0.01f, ao2.LearningRate);
        Assert.Equal(["t3"], Checkpoint.List(dir));

        // A checkpoint of another shape is refused with the reason.
        var other = new FlatDann(5, 7, 3, true, new Rng(1));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(dir, "t3", other, m2));
        Assert.Contains("linear.weight", e.Message);
    }
}
