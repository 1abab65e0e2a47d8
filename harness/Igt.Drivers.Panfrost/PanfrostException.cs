namespace Igt.Drivers.Panfrost;

/// <summary>
/// enum drm_panfrost_exception_type and panfrost_exception_name(): the JS_STATUS / exception_status codes and the
/// names the driver prints. Codes above 0x3F are faults.
/// </summary>
public static class PanfrostException
{
    public const uint Ok = 0x00;
    public const uint Done = 0x01;
    public const uint Interrupted = 0x02;
    public const uint Stopped = 0x03;
    public const uint Terminated = 0x04;
    public const uint Active = 0x08;
    public const uint JobConfigFault = 0x40;
    public const uint JobPowerFault = 0x41;
    public const uint JobReadFault = 0x42;
    public const uint JobWriteFault = 0x43;
    public const uint JobAffinityFault = 0x44;
    public const uint JobBusFault = 0x48;
    public const uint DataInvalidFault = 0x58;
    public const uint TranslationFault0 = 0xC0;

    private static readonly Dictionary<uint, string> Names = Build();

    /// <summary>The printed name ("JOB_BUS_FAULT"), or "UNKNOWN" for codes without one.</summary>
    public static string Name(uint code) => Names.TryGetValue(code, out var n) ? n : "UNKNOWN";

    /// <summary>panfrost_exception_is_fault().</summary>
    public static bool IsFault(uint code) => code > 0x3F;

    private static Dictionary<uint, string> Build()
    {
        var d = new Dictionary<uint, string>
        {
            [0x00] = "OK", [0x01] = "DONE", [0x02] = "INTERRUPTED", [0x03] = "STOPPED", [0x04] = "TERMINATED",
            [0x05] = "KABOOM", [0x06] = "EUREKA", [0x08] = "ACTIVE",
            [0x40] = "JOB_CONFIG_FAULT", [0x41] = "JOB_POWER_FAULT", [0x42] = "JOB_READ_FAULT",
            [0x43] = "JOB_WRITE_FAULT", [0x44] = "JOB_AFFINITY_FAULT", [0x48] = "JOB_BUS_FAULT",
            [0x50] = "INSTR_INVALID_PC", [0x51] = "INSTR_INVALID_ENC", [0x52] = "INSTR_TYPE_MISMATCH",
            [0x53] = "INSTR_OPERAND_FAULT", [0x54] = "INSTR_TLS_FAULT", [0x55] = "INSTR_BARRIER_FAULT",
            [0x56] = "INSTR_ALIGN_FAULT", [0x58] = "DATA_INVALID_FAULT", [0x59] = "TILE_RANGE_FAULT",
            [0x5A] = "ADDR_RANGE_FAULT", [0x5B] = "IMPRECISE_FAULT", [0x60] = "OOM", [0x61] = "OOM_AFBC",
            [0x7F] = "UNKNOWN", [0x80] = "DELAYED_BUS_FAULT", [0x88] = "GPU_SHAREABILITY_FAULT",
            [0x89] = "SYS_SHAREABILITY_FAULT", [0x8A] = "GPU_CACHEABILITY_FAULT", [0xC7] = "TRANSLATION_FAULT_IDENTITY",
        };
        for (uint i = 0; i <= 4; i++)
            d[0xC0 + i] = $"TRANSLATION_FAULT_{i}";
        for (uint i = 0; i <= 3; i++)
        {
            d[0xC8 + i] = $"PERM_FAULT_{i}";
            d[0xD0 + i] = $"TRANSTAB_BUS_FAULT_{i}";
            d[0xD8 + i] = $"ACCESS_FLAG_{i}";
            d[0xE0 + i] = $"ADDR_SIZE_FAULT_IN{i}";
            d[0xE4 + i] = $"ADDR_SIZE_FAULT_OUT{i}";
            d[0xE8 + i] = $"MEM_ATTR_FAULT_{i}";
            d[0xEC + i] = $"MEM_ATTR_NONCACHE_{i}";
        }
        return d;
    }
}
