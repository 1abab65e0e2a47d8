using System.Buffers.Binary;

namespace Igt.Panfrost;

/// <summary>
/// lib/panfrost-job.h: encodes job descriptors as the GPU reads them (64-bit descriptor form). Header: 32 bytes;
/// WRITE_VALUE payload (Mesa layout): address u64, type u32, reserved u32 (0), immediate u64.
/// </summary>
public static class PanfrostJobDesc
{
    /// <summary>Descriptors are 64-byte aligned; one job with its payload fits one slot.</summary>
    public const int Stride = 64;
    public const int HeaderSize = 32;
    public const int WriteValueSize = 56;

    public const int ExceptionStatusOffset = 0;
    public const int FaultPointerOffset = 8;
    public const int NextJobOffset = 24;

    public const byte JobTypeNull = 1;
    public const byte JobTypeWriteValue = 2;
    public const byte JobTypeCacheFlush = 3;
    public const byte JobTypeFragment = 9;

    public const uint WriteCycleCounter = 1;
    public const uint WriteSystemTimestamp = 2;
    public const uint WriteZero = 3;
    public const uint WriteImm8 = 4;
    public const uint WriteImm16 = 5;
    public const uint WriteImm32 = 6;
    public const uint WriteImm64 = 7;

    /// <summary>exception_status the GPU writes for a job that completed.</summary>
    public const uint StatusDone = 1;

    /// <summary>job_barrier plus the flags IGT's loop job sets (invalidate cache, suppress prefetch).</summary>
    public const byte FlagsBarrier = 1 | (5 << 1);

    /// <summary>A job header: is_64b set, the type, job_index and dependencies, next_job.</summary>
    public static void Header(Span<byte> d, byte type, ushort index, ulong next, ushort dep1 = 0, ushort dep2 = 0, byte flags = 0)
    {
        d[..HeaderSize].Clear();
        d[16] = (byte)(1 | (type << 1));
        d[17] = flags;
        BinaryPrimitives.WriteUInt16LittleEndian(d[18..], index);
        BinaryPrimitives.WriteUInt16LittleEndian(d[20..], dep1);
        BinaryPrimitives.WriteUInt16LittleEndian(d[22..], dep2);
        BinaryPrimitives.WriteUInt64LittleEndian(d[24..], next);
    }

    /// <summary>A WRITE_VALUE job: header plus payload (56 bytes).</summary>
    public static void WriteValue(Span<byte> d, ushort index, ulong next, ulong address, uint type, ulong immediate,
        ushort dep1 = 0, ushort dep2 = 0, byte flags = 0)
    {
        Header(d, JobTypeWriteValue, index, next, dep1, dep2, flags);
        BinaryPrimitives.WriteUInt64LittleEndian(d[32..], address);
        BinaryPrimitives.WriteUInt32LittleEndian(d[40..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(d[44..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(d[48..], immediate);
    }
}
