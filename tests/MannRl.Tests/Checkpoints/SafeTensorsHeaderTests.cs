using System.Buffers.Binary;
using System.Text;
using MannRl.Checkpoints;

namespace MannRl.Tests.Checkpoints;

/// <summary>Hostile or corrupt safetensors headers: each is one <see cref="InvalidDataException"/> naming the problem.</summary>
public sealed class SafeTensorsHeaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mannrl-st-header-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string header, int dataBytes = 8)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        string path = Path.Combine(_dir, "x.safetensors");
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("[1, 2, 3]", "header is an array")]
    [InlineData("\"text\"", "header is a string")]
    [InlineData("null", "header is null")]
    [InlineData("{\"__metadata__\": [\"a\"]}", "__metadata__ is an array")]
    [InlineData("{\"__metadata__\": {\"k\": 3}}", "__metadata__ value 'k' is a number")]
    [InlineData("{\"__metadata__\": {\"k\": {\"x\": 1}}}", "__metadata__ value 'k' is an object")]
    [InlineData("{\"w\": [1]}", "tensor 'w' is an array")]
    [InlineData("{\"w\": {\"shape\": [2], \"data_offsets\": [0, 8]}}", "no dtype")]
    [InlineData("{\"w\": {\"dtype\": 7, \"shape\": [2], \"data_offsets\": [0, 8]}}", "no dtype")]
    [InlineData("{\"w\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}", "only F32")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}}", "shape [-2]")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2.5], \"data_offsets\": [0, 8]}}", "shape [2.5]")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [\"2\"], \"data_offsets\": [0, 8]}}", "shape")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [99999999999], \"data_offsets\": [0, 8]}}", "shape [99999999999]")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2147483647, 2147483647, 4], \"data_offsets\": [0, 8]}}", "more values than an array holds")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": 2, \"data_offsets\": [0, 8]}}", "no shape array")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [-8, 0]}}", "data_offsets [-8, 0]")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [8, 0]}}", "data_offsets [8, 0]")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0]}}", "1 data_offsets")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8, 16]}}", "3 data_offsets")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [0, 16]}}", "the 8 bytes of data")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [9223372036854775800, 9223372036854775807]}}", "data_offsets")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 1e300]}}", "data_offsets")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 8]}}", "do not fit its shape")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", "repeated key")]
    public void EveryFieldIsChecked(string header, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(File(header)));
        Assert.Contains("not a valid safetensors file", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AHeaderOfInvalidUtf8IsRefused()
    {
        string path = File("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}");
        var bytes = System.IO.File.ReadAllBytes(path);
        bytes[10] = 0xC3; // the start of a two-byte sequence, followed by a quote: invalid UTF-8 inside the key
        System.IO.File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains("not UTF-8", e.Message);
    }

    [Fact]
    public void AValidHandWrittenHeaderReads()
    {
        var (tensors, meta) = SafeTensors.Read(File("{\"__metadata__\": {\"k\": \"v\"}, \"w\": {\"dtype\": \"F32\", \"shape\": [2, 1], \"data_offsets\": [0, 8]}}"));
        Assert.Equal([2, 1], tensors["w"].Shape);
        Assert.Equal("v", meta["k"]);
    }

    [Fact]
    public void AnEmptyShapeIsAScalar()
    {
        var (tensors, _) = SafeTensors.Read(File("{\"s\": {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]}}", dataBytes: 4));
        Assert.Single(tensors["s"].Data);
    }
}
