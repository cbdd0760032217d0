namespace MannRl.Engine;

/// <summary>
/// A trainable tensor: values and the gradient accumulated into it by backward passes (row-major, PyTorch's
/// shape and layout, so checkpoints and parity fixtures use the same numbers). <see cref="Version"/> changes
/// whenever the values change, which lets layers keep derived copies (a transposed weight) up to date.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a zero parameter of the given PyTorch shape.</summary>
    public Parameter(string name, params int[] shape)
    {
        Name = name;
        Shape = shape;
        Length = 1;
        foreach (var d in shape) Length *= d;
        Value = new float[Length + Matrix.Padding];
        Grad = new float[Length + Matrix.Padding];
    }

    /// <summary>Name inside its module (e.g. <c>weight</c>); models prefix it with the module path.</summary>
    public string Name { get; }

    /// <summary>PyTorch shape, e.g. [out, in] for a Linear weight.</summary>
    public int[] Shape { get; }

    /// <summary>Number of values.</summary>
    public int Length { get; }

    /// <summary>Values (with SIMD slack at the end; use <see cref="Values"/> for the live part).</summary>
    public float[] Value { get; }

    /// <summary>Gradient accumulator, same layout as the values.</summary>
    public float[] Grad { get; }

    /// <summary>The live values.</summary>
    public Span<float> Values => Value.AsSpan(0, Length);

    /// <summary>The live gradient.</summary>
    public Span<float> Gradient => Grad.AsSpan(0, Length);

    /// <summary>Incremented after each change of the values.</summary>
    public int Version { get; private set; }

    /// <summary>Records that the values changed (optimizer step, load).</summary>
    public void MarkChanged() => Version++;

    /// <summary>Clears the gradient.</summary>
    public void ZeroGrad() => Gradient.Clear();

    /// <summary>Overwrites the values and marks the change.</summary>
    public void Load(ReadOnlySpan<float> values)
    {
        if (values.Length != Length)
            throw new ArgumentException($"parameter {Name}: {values.Length} values given, shape [{string.Join(", ", Shape)}] needs {Length}");
        values.CopyTo(Values);
        MarkChanged();
    }
}
