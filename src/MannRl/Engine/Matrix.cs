using System.Runtime.CompilerServices;

namespace MannRl.Engine;

/// <summary>
/// A row-major float32 matrix: rows are batch slots, columns are features. The storage is sized once for
/// <see cref="CapacityRows"/> rows and reused while the number of live <see cref="Rows"/> changes (a batch
/// shrinks at the end of an epoch). A view (<see cref="Columns(int, int)"/>) shares storage and has a row
/// <see cref="Stride"/> larger than its width, which is how concatenation along features costs no copy.
/// </summary>
public sealed class Matrix
{
    /// <summary>Floats of slack after the last element, so SIMD kernels may read a whole vector past a row's end.</summary>
    public const int Padding = 16;

    /// <summary>Allocates a zeroed matrix of <paramref name="capacityRows"/> x <paramref name="cols"/>; live rows = capacity.</summary>
    public Matrix(int capacityRows, int cols)
    {
        if (capacityRows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(cols), $"bad shape {capacityRows}x{cols}");
        Data = new float[capacityRows * cols + Padding];
        CapacityRows = capacityRows;
        Rows = capacityRows;
        Cols = cols;
        Stride = cols;
        Offset = 0;
    }

    private Matrix(float[] data, int offset, int rows, int capacityRows, int cols, int stride)
    {
        Data = data; Offset = offset; Rows = rows; CapacityRows = capacityRows; Cols = cols; Stride = stride;
    }

    /// <summary>
    /// A matrix over existing storage: <paramref name="rows"/> x <paramref name="cols"/> starting at
    /// <paramref name="offset"/>, rows <paramref name="cols"/> apart (e.g. one step of the replay history).
    /// </summary>
    public static Matrix View(float[] data, int offset, int rows, int cols)
    {
        if (offset < 0 || offset + rows * cols > data.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"view of {rows}x{cols} at {offset} outside {data.Length} values");
        return new Matrix(data, offset, rows, rows, cols, cols);
    }

    /// <summary>Backing storage (shared by views).</summary>
    public float[] Data { get; }

    /// <summary>Index of element (0, 0) in <see cref="Data"/>.</summary>
    public int Offset { get; }

    /// <summary>Live rows.</summary>
    public int Rows { get; private set; }

    /// <summary>Rows the storage was sized for.</summary>
    public int CapacityRows { get; }

    /// <summary>Columns (features).</summary>
    public int Cols { get; }

    /// <summary>Distance in floats between the starts of two rows.</summary>
    public int Stride { get; }

    /// <summary>True when rows follow each other without gaps, so the live part is one span.</summary>
    public bool IsContiguous => Stride == Cols;

    /// <summary>Element access.</summary>
    public ref float this[int row, int col]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Data[Offset + row * Stride + col];
    }

    /// <summary>Sets the number of live rows (at most the capacity).</summary>
    public Matrix WithRows(int rows)
    {
        if ((uint)rows > (uint)CapacityRows)
            throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows requested, capacity is {CapacityRows}");
        Rows = rows;
        return this;
    }

    /// <summary>One row's live values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Row(int row) => Data.AsSpan(Offset + row * Stride, Cols);

    /// <summary>The live values as one span; only for contiguous matrices.</summary>
    public Span<float> AsSpan()
    {
        if (!IsContiguous) throw new InvalidOperationException("AsSpan on a strided view; iterate rows instead");
        return Data.AsSpan(Offset, Rows * Cols);
    }

    /// <summary>
    /// A view of columns [<paramref name="start"/>, start+<paramref name="count"/>) sharing storage; its live
    /// rows follow this matrix's rows at the time of the call.
    /// </summary>
    public Matrix Columns(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Cols)
            throw new ArgumentOutOfRangeException(nameof(start), $"columns [{start}, {start + count}) outside width {Cols}");
        return new Matrix(Data, Offset + start, Rows, CapacityRows, count, Stride);
    }

    /// <summary>
    /// Like <see cref="Columns(int, int)"/>, but reuses the view held in <paramref name="cache"/> when it already covers
    /// these columns of this storage, so hot loops make no garbage; the view gets this matrix's live rows.
    /// </summary>
    public Matrix Columns(int start, int count, ref Matrix? cache)
    {
        if (cache is null || cache.Data != Data || cache.Offset != Offset + start || cache.Cols != count
            || cache.Stride != Stride || cache.CapacityRows != CapacityRows)
            cache = Columns(start, count);
        return cache.WithRows(Rows);
    }

    /// <summary>Copies rows <paramref name="rows"/> of <paramref name="source"/> into this matrix's rows 0..n-1 (a gather by slot).</summary>
    public Matrix GatherRows(Matrix source, ReadOnlySpan<int> rows)
    {
        WithRows(rows.Length);
        for (int r = 0; r < rows.Length; r++) source.Row(rows[r]).CopyTo(Row(r));
        return this;
    }

    /// <summary>Copies this matrix's rows 0..n-1 into rows <paramref name="rows"/> of <paramref name="destination"/> (a scatter by slot).</summary>
    public void ScatterRows(Matrix destination, ReadOnlySpan<int> rows)
    {
        for (int r = 0; r < rows.Length; r++) Row(r).CopyTo(destination.Row(rows[r]));
    }

    /// <summary>Sets all live values to zero.</summary>
    public void Clear()
    {
        if (IsContiguous) AsSpan().Clear();
        else for (int r = 0; r < Rows; r++) Row(r).Clear();
    }

    /// <summary>Copies the live values of <paramref name="source"/> (same shape) into this matrix.</summary>
    public void CopyFrom(Matrix source)
    {
        CheckSameShape(source, nameof(CopyFrom));
        if (IsContiguous && source.IsContiguous) source.AsSpan().CopyTo(AsSpan());
        else for (int r = 0; r < Rows; r++) source.Row(r).CopyTo(Row(r));
    }


    /// <summary>Throws unless <paramref name="other"/> has the same live shape.</summary>
    public void CheckSameShape(Matrix other, string what)
    {
        if (other.Rows != Rows || other.Cols != Cols)
            throw new ArgumentException($"{what}: shape {other.Rows}x{other.Cols} does not match {Rows}x{Cols}");
    }

    /// <summary>A copy of the live values as a new row-major array (tests and debugging).</summary>
    public float[] ToArray()
    {
        var a = new float[Rows * Cols];
        for (int r = 0; r < Rows; r++) Row(r).CopyTo(a.AsSpan(r * Cols, Cols));
        return a;
    }

    /// <summary>A new contiguous matrix holding <paramref name="values"/> (row-major rows x cols).</summary>
    public static Matrix FromArray(int rows, int cols, ReadOnlySpan<float> values)
    {
        if (values.Length != rows * cols) throw new ArgumentException($"{values.Length} values for a {rows}x{cols} matrix");
        var m = new Matrix(rows, cols);
        values.CopyTo(m.Data);
        return m;
    }

    /// <summary>
    /// Writes cat(<paramref name="parts"/>) along features into <paramref name="destination"/> (whose width is
    /// the sum of the parts' widths) and returns it with the parts' row count.
    /// </summary>
    public static Matrix Concat(Matrix destination, params ReadOnlySpan<Matrix> parts)
    {
        int rows = parts[0].Rows, width = 0;
        foreach (var p in parts)
        {
            if (p.Rows != rows) throw new ArgumentException($"Concat: parts have {rows} and {p.Rows} rows");
            width += p.Cols;
        }
        if (width != destination.Cols) throw new ArgumentException($"Concat: parts are {width} wide, destination {destination.Cols}");
        destination.WithRows(rows);
        for (int r = 0; r < rows; r++)
        {
            var row = destination.Row(r);
            int at = 0;
            foreach (var p in parts)
            {
                p.Row(r).CopyTo(row.Slice(at));
                at += p.Cols;
            }
        }
        return destination;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Matrix({Rows}x{Cols}, stride {Stride})";
}
