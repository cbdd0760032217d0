using System.Buffers.Binary;

namespace MannRl.Tests.Reports;

/// <summary>Reads what the tests check of a PNG file: its signature and pixel size (the IHDR chunk).</summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 33, $"a PNG is at least 33 bytes, got {png.Length}");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static (int Width, int Height) Size(string path) => Size(File.ReadAllBytes(path));
}
