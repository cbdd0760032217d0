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

    /// <summary>
    /// Floats per read or write call: a span of bytes holds at most 2 GiB, and a resume state's replay history can be
    /// larger, so data moves in pieces of this many values (internal so that a test can use small pieces).
    /// </summary>
    internal static int ChunkFloats = 1 << 28;

    /// <summary>The longest header read: far more than any header of real tensors needs.</summary>
    private const long MaxHeaderBytes = 100 << 20;

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
            foreach (var t in list)
                for (int i = 0; i < t.Data.Length; i += ChunkFloats)
                    stream.Write(MemoryMarshal.AsBytes(t.Data.AsSpan(i, Math.Min(ChunkFloats, t.Data.Length - i))));
        });
    }

    /// <summary>
    /// Reads every tensor and the metadata of a safetensors file. Every field of the header is checked (an object at the
    /// top, string metadata, F32 tensors with non-negative shapes whose offsets match the shape and lie inside the
    /// file), so a corrupt or hostile file fails with one <see cref="InvalidDataException"/> naming the problem.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read or is not a valid float32 safetensors file.</exception>
    public static (IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(path, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OutOfMemoryException)
        {
            throw new InvalidDataException($"cannot read checkpoint '{path}': {e.Message}", e);
        }
    }

    private static (IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, string>) Read(string path, FileStream file)
    {
        long length = file.Length;
        if (length < 8) throw Bad(path, "file shorter than its 8-byte header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        file.ReadExactly(lengthBytes);
        ulong headerLen = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLen > (ulong)(length - 8)) throw Bad(path, $"header length {headerLen} exceeds the file size {length}");
        if (headerLen > MaxHeaderBytes) throw Bad(path, $"header length {headerLen} is more than the {MaxHeaderBytes} bytes a header may have");
        var headerBytes = new byte[(int)headerLen];
        file.ReadExactly(headerBytes);
        if (!System.Text.Unicode.Utf8.IsValid(headerBytes)) throw Bad(path, "header is not UTF-8 text");
        JsonNode? root;
        try { root = JsonNode.Parse(headerBytes, documentOptions: new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw Bad(path, $"header is not JSON ({e.Message})"); }
        if (root is not JsonObject header) throw Bad(path, $"header is {Kind(root)}, not a JSON object of tensors");
        long dataStart = 8 + (long)headerLen, dataLength = length - dataStart;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        try
        {
            ReadEntries(path, header, file, dataStart, dataLength, tensors, metadata);
        }
        catch (ArgumentException e)
        {
            throw Bad(path, $"header has a repeated key ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            // JsonNode reads nested objects lazily, so a malformed part can surface only here.
            throw Bad(path, $"header is not valid JSON ({e.Message})");
        }
        return (tensors, metadata);
    }

    private static void ReadEntries(string path, JsonObject header, FileStream file, long dataStart, long dataLength,
        Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        foreach (var (name, node) in header.ToList())
        {
            if (name == "__metadata__")
            {
                if (node is not JsonObject meta) throw Bad(path, $"__metadata__ is {Kind(node)}, not an object of strings");
                foreach (var (k, v) in meta)
                    metadata[k] = v is JsonValue value && value.TryGetValue(out string? text)
                        ? text
                        : throw Bad(path, $"__metadata__ value '{k}' is {Kind(v)}, not a string");
                continue;
            }
            var (shape, begin, end) = Entry(path, name, node, dataLength);
            var data = new float[end - begin >> 2];
            file.Position = dataStart + begin;
            for (int i = 0; i < data.Length; i += ChunkFloats)
                file.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan(i, Math.Min(ChunkFloats, data.Length - i))));
            tensors[name] = new Tensor(name, shape, data);
        }
    }

    /// <summary>A tensor's header entry, checked: F32, a shape of non-negative dimensions, offsets matching it inside the data.</summary>
    private static (int[] Shape, long Begin, long End) Entry(string path, string name, JsonNode? node, long dataLength)
    {
        if (node is not JsonObject o) throw Bad(path, $"tensor '{name}' is {Kind(node)}, not an object with dtype, shape and data_offsets");
        if (o["dtype"] is not JsonValue dtype || !dtype.TryGetValue(out string? type))
            throw Bad(path, $"tensor '{name}' has no dtype string");
        if (type != "F32") throw Bad(path, $"tensor '{name}' is {type}, only F32 is supported");
        var shape = Integers(path, name, "shape", o["shape"], int.MaxValue).Select(d => (int)d).ToArray();
        var offsets = Integers(path, name, "data_offsets", o["data_offsets"], long.MaxValue);
        if (offsets.Length != 2) throw Bad(path, $"tensor '{name}' has {offsets.Length} data_offsets, not 2 (begin and end)");
        long count = 1;
        foreach (int d in shape)
        {
            count = d == 0 ? 0 : count > Array.MaxLength / d ? long.MaxValue : count * d;
            if (count > Array.MaxLength) throw Bad(path, $"tensor '{name}' has shape [{string.Join(", ", shape)}], more values than an array holds");
        }
        long begin = offsets[0], end = offsets[1];
        if (begin > end || end > dataLength || end - begin != count * sizeof(float))
            throw Bad(path, $"tensor '{name}' has data_offsets [{begin}, {end}] that do not fit its shape [{string.Join(", ", shape)}] "
                + $"or the {dataLength} bytes of data");
        return (shape, begin, end);
    }

    /// <summary>A JSON array of integers in [0, <paramref name="max"/>].</summary>
    private static long[] Integers(string path, string name, string field, JsonNode? node, long max)
    {
        if (node is not JsonArray array) throw Bad(path, $"tensor '{name}' has no {field} array");
        var values = new long[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue(out long value) || value < 0 || value > max)
                throw Bad(path, $"tensor '{name}' has {field} [{string.Join(", ", array.Select(a => a?.ToJsonString() ?? "null"))}]; "
                    + $"each must be an integer from 0 to {max}");
            values[i] = value;
        }
        return values;
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue v => $"a {v.GetValueKind().ToString().ToLowerInvariant()}",
        _ => "not valid",
    };

    private static InvalidDataException Bad(string path, string what) =>
        new($"checkpoint '{path}' is not a valid safetensors file: {what}. Point at a file written by 'mannrl train'.");
}
