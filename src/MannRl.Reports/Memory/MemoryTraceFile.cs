using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MannRl.Checkpoints;
using MannRl.IO;

namespace MannRl.Reports.Memory;

/// <summary>
/// Writes a <see cref="MemoryTrace"/> for Python, chosen by extension. <c>.npy</c>: the memory alone, float32
/// (steps, units), for <c>numpy.load</c>. <c>.safetensors</c>: <c>memory</c> (steps, units), <c>probabilities</c>
/// (steps, classes), and <c>targets</c>, <c>predictions</c>, <c>inputs</c> (steps) as float32 class/symbol ids (exact
/// below 2^24), with the symbol names and the sequence in the metadata, for <c>safetensors.numpy.load_file</c>.
/// </summary>
public static class MemoryTraceFile
{
    /// <summary>Writes <paramref name="trace"/> to <paramref name="path"/> (.npy or .safetensors) atomically.</summary>
    /// <exception cref="ArgumentException">The extension is neither.</exception>
    public static void Write(string path, MemoryTrace trace)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".npy":
                AtomicFile.Write(path, s => WriteNpy(s, trace.Memory, trace.Steps, trace.Units));
                break;
            case ".safetensors":
                SafeTensors.Write(path, Tensors(trace), Metadata(trace));
                break;
            default:
                throw new ArgumentException($"cannot write a memory trace as '{Path.GetExtension(path)}' ({path}): name the file .npy or .safetensors");
        }
    }

    /// <summary>
    /// NumPy's .npy format, version 1.0: magic, a header dict padded with spaces to a multiple of 64 bytes and ended by
    /// a newline, then the little-endian float32 values in C order.
    /// </summary>
    public static void WriteNpy(Stream stream, float[] values, int rows, int columns)
    {
        if (values.Length != rows * columns) throw new ArgumentException($"{values.Length} values do not fill {rows} x {columns}");
        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        int preamble = 6 + 2 + 2; // magic, version, header length
        int total = (preamble + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - preamble - 1) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian machines are not supported");
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static IEnumerable<SafeTensors.Tensor> Tensors(MemoryTrace trace)
    {
        static float[] Ids(int[] ids) => ids.Select(i => (float)i).ToArray();
        yield return new("memory", [trace.Steps, trace.Units], trace.Memory);
        yield return new("probabilities", [trace.Steps, trace.Classes], trace.Probabilities);
        yield return new("targets", [trace.Steps], Ids(trace.Targets));
        yield return new("predictions", [trace.Steps], Ids(trace.Predictions));
        if (trace.InputIds is { } inputs) yield return new("inputs", [trace.Steps], Ids(inputs));
    }

    private static Dictionary<string, string> Metadata(MemoryTrace trace)
    {
        var meta = new Dictionary<string, string>
        {
            ["split"] = trace.Split,
            ["sequence"] = trace.SequenceIndex.ToString(CultureInfo.InvariantCulture),
            ["memory"] = "row t: the memory the memory-net wrote at step t (what step t+1 reads)",
            ["target_symbols"] = JsonSerializer.Serialize(trace.TargetSymbols),
        };
        if (trace.InputSymbols is { } names) meta["input_symbols"] = JsonSerializer.Serialize(names);
        return meta;
    }
}
