using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scrawl.Numerics;

/// <summary>One GEMM call's description, shared (by pointer) with the worker threads that help run it.</summary>
internal unsafe struct GemmJob
{
    public float* A;
    public int* ARows; // when not null, row r of the stored A starts at A + ARows[r]·Lda (a gathered A)
    public float* B;
    public float* C;
    public nint Lda;
    public nint Ldb;
    public nint Ldc;
    public int M;
    public int N;
    public int K;
    public bool TransposeA;
    public bool TransposeB;
    public bool DirectA; // full panels of Aᵀ are read in place (stride lda) instead of packed
    public bool DirectB; // full panels of row-major B are read in place (stride ldb) instead of packed
    public bool Simd;    // packing may use vector instructions (false on the Scalar path)
    public float Alpha;
    public float Beta;
    public int MR;
    public int NR;
    public int KC;
    public delegate*<int, float*, nint, float*, nint, float*, nint, float, float, void> Kernel;
    public delegate*<int, float*, nint, float*, nint, float*, nint, float, float, void> NarrowKernel;
    public int NarrowNR; // widest edge the narrow kernel covers; 0 when the path has none
    public int ChunkRows; // chunk index → rows from (index / ChunksN)·ChunkRows, cols from (index % ChunksN)·ChunkCols
    public int ChunkCols;
    public int ChunksN;
    public int ChunkCount;
}

/// <summary>A thread's reusable, pinned, 64-byte-aligned pack buffer; grows, never shrinks.</summary>
internal sealed unsafe class GemmPackBuffer
{
    private float[] _array = [];
    private float* _aligned;

    /// <summary>A pointer to at least <paramref name="floats"/> floats, valid until the next Reserve.</summary>
    public float* Reserve(int floats)
    {
        if (_array.Length < floats + 16)
        {
            _array = GC.AllocateUninitializedArray<float>(floats + 16, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
            _aligned = (float*)((address + 63) & ~(nint)63);
        }

        return _aligned;
    }
}
