using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MannRl.Engine.Kernels;

/// <summary>
/// The operations a kernel needs on one SIMD register of floats (<typeparamref name="TVector"/>), so the kernel is
/// written once for every vector width (the runtime's own <c>ISimdVector</c> is not public). The kernel's locals are
/// the runtime's vector type itself and every operation inlines to one instruction, so the code generated for
/// <see cref="Vector512Ops"/> is that of a kernel written on <see cref="Vector512{T}"/>. (Single-field wrapper structs
/// instead cost a register move per FMA in the tiles' inner loop.)
/// </summary>
internal unsafe interface IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Loads <see cref="Count"/> floats from <paramref name="p"/>.</summary>
    static abstract TVector Load(float* p);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>a·b + c per lane, rounded once (a fused multiply-add).</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>Stores the lanes of <paramref name="v"/> to <paramref name="p"/>.</summary>
    static abstract void Store(TVector v, float* p);
}

/// <summary>512-bit vectors: 16 floats.</summary>
internal readonly unsafe struct Vector512Ops : IVectorOps<Vector512<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Vector512.Load(p);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> v, float* p) => v.Store(p);
}

/// <summary>256-bit vectors: 8 floats.</summary>
internal readonly unsafe struct Vector256Ops : IVectorOps<Vector256<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Vector256.Load(p);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> v, float* p) => v.Store(p);
}
