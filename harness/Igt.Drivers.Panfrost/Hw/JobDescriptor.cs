namespace Igt.Drivers.Panfrost.Hw;

/// <summary>
/// The job descriptor format the job manager reads (Mesa midgard.xml, IGT panfrost-job.h): a 32-byte header,
/// 64-byte aligned, then the job-type payload. Little-endian.
/// </summary>
public static class JobDescriptor
{
    public const int HeaderSize = 32;

    public const int ExceptionStatus = 0;
    public const int FirstIncompleteTask = 4;
    public const int FaultPointer = 8;

    /// <summary>Bit 0: 64-bit next pointer; bits 1-7: job type.</summary>
    public const int TypeByte = 16;

    /// <summary>Bit 0: job barrier; higher bits: cache/prefetch/dependency flags.</summary>
    public const int FlagsByte = 17;

    public const int JobIndex = 18;
    public const int Dependency1 = 20;
    public const int Dependency2 = 22;
    public const int NextJob = 24;

    /// <summary>WRITE_VALUE payload, at +32: address u64, type u32, reserved u32, immediate u64.</summary>
    public const int WriteValueAddress = 32;
    public const int WriteValueType = 40;
    public const int WriteValueReserved = 44;
    public const int WriteValueImmediate = 48;
    public const int WriteValueSize = 56;

    public const uint TypeNotStarted = 0;
    public const uint TypeNull = 1;
    public const uint TypeWriteValue = 2;
    public const uint TypeCacheFlush = 3;

    public const uint WriteCycleCounter = 1;
    public const uint WriteSystemTimestamp = 2;
    public const uint WriteZero = 3;
    public const uint WriteImmediate8 = 4;
    public const uint WriteImmediate16 = 5;
    public const uint WriteImmediate32 = 6;
    public const uint WriteImmediate64 = 7;
}
