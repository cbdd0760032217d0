using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MannRl.IO;

namespace MannRl.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header mapping
/// each tensor name to dtype, shape and byte offsets, then the raw little-endian data), float32 only.
/// Files load with Python's <c>safetensors.numpy.load_file</c> / <c>safetensors.torch.load_file</c>.
/// </summary>
public static class SafeTensors
{
    /// <summary>One named float32 tensor.</summary>
    /// <param name="Name">Tensor name.</param>
    /// <param name="Shape">Shape.</param>
    /// <param name="Data">Values (row-major; exactly the product of the shape).</param>
    public sealed record Tensor(string Name, int[] Shape, float[] Data);

    /// <summary>Writes <paramref name="tensors"/> and string <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata) meta[k] = v;
            header["__metadata__"] = meta;
        }
        long offset = 0;
        foreach (var t in list)
        {
            long bytes = (long)t.Data.Length * sizeof(float);
            header[t.Name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        int pad = (8 - json.Length % 8) % 8; // the format allows trailing spaces; aligned data is friendlier to mmap
        AtomicFile.Write(path, stream =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)(json.Length + pad));
            stream.Write(len);
            stream.Write(json);
            for (int i = 0; i < pad; i++) stream.WriteByte((byte)' ');
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian machines are not supported");
            foreach (var t in list) stream.Write(MemoryMarshal.AsBytes(t.Data.AsSpan()));
        });
    }

    /// <summary>Reads every tensor and the metadata of a safetensors file.</summary>
    public static (IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        byte[] all;
        try { all = File.ReadAllBytes(path); }
        catch (IOException e) { throw new InvalidDataException($"cannot read checkpoint '{path}': {e.Message}", e); }
        if (all.Length < 8) throw Bad(path, "file shorter than its 8-byte header length");
        ulong headerLen = BinaryPrimitives.ReadUInt64LittleEndian(all);
        if (headerLen > (ulong)(all.Length - 8)) throw Bad(path, $"header length {headerLen} exceeds the file size {all.Length}");
        JsonObject header;
        try { header = JsonNode.Parse(all.AsSpan(8, (int)headerLen))?.AsObject() ?? throw Bad(path, "empty header"); }
        catch (JsonException e) { throw Bad(path, $"header is not JSON ({e.Message})"); }
        var dataStart = 8 + (int)headerLen;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject()) metadata[k] = v?.GetValue<string>() ?? "";
                continue;
            }
            try
            {
                var o = node!.AsObject();
                if (o["dtype"]!.GetValue<string>() != "F32") throw Bad(path, $"tensor '{name}' is {o["dtype"]}, only F32 is supported");
                var shape = o["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
                var offs = o["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                long count = shape.Aggregate(1L, (a, d) => a * d);
                if (offs.Length != 2 || offs[1] - offs[0] != count * 4 || dataStart + offs[1] > all.Length)
                    throw Bad(path, $"tensor '{name}' has offsets [{string.Join(", ", offs)}] that do not fit its shape or the file");
                var data = new float[count];
                MemoryMarshal.Cast<byte, float>(all.AsSpan(dataStart + (int)offs[0], (int)(count * 4))).CopyTo(data);
                tensors[name] = new Tensor(name, shape, data);
            }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
            {
                throw Bad(path, $"tensor '{name}' has a malformed header entry");
            }
        }
        return (tensors, metadata);
    }

    private static InvalidDataException Bad(string path, string what) =>
        new($"checkpoint '{path}' is not a valid safetensors file: {what}. Point at a file written by 'mannrl train'.");
}
