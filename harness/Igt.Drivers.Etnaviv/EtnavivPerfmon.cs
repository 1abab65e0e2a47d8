namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_perfmon.c: the performance-monitor domains and signals userspace enumerates with PM_QUERY_DOM/SIG and
/// samples with submit PMRs. The emulated samples are the front end's command count for every signal.
/// </summary>
public static class EtnavivPerfmon
{
    public sealed record Domain(string Name, string[] Signals);

    public static IReadOnlyList<Domain> Domains3D { get; } =
    [
        new("HI", ["TOTAL_READ_BYTES8", "TOTAL_WRITE_BYTES8", "TOTAL_CYCLES", "IDLE_CYCLES",
            "AXI_CYCLES_READ_REQUEST_STALLED", "AXI_CYCLES_WRITE_REQUEST_STALLED", "AXI_CYCLES_WRITE_DATA_STALLED"]),
        new("PE", ["PIXEL_COUNT_KILLED_BY_COLOR_PIPE", "PIXEL_COUNT_KILLED_BY_DEPTH_PIPE",
            "PIXEL_COUNT_DRAWN_BY_COLOR_PIPE", "PIXEL_COUNT_DRAWN_BY_DEPTH_PIPE"]),
        new("SH", ["SHADER_CYCLES", "PS_INST_COUNTER", "RENDERED_PIXEL_COUNTER", "VS_INST_COUNTER",
            "RENDERED_VERTICE_COUNTER", "VTX_BRANCH_INST_COUNTER", "VTX_TEXLD_INST_COUNTER", "PXL_BRANCH_INST_COUNTER",
            "PXL_TEXLD_INST_COUNTER"]),
        new("PA", ["INPUT_VTX_COUNTER", "INPUT_PRIM_COUNTER", "OUTPUT_PRIM_COUNTER", "DEPTH_CLIPPED_COUNTER",
            "TRIVIAL_REJECTED_COUNTER", "CULLED_COUNTER"]),
        new("SE", ["CULLED_TRIANGLE_COUNT", "CULLED_LINES_COUNT"]),
        new("RA", ["VALID_PIXEL_COUNT", "TOTAL_QUAD_COUNT", "VALID_QUAD_COUNT_AFTER_EARLY_Z", "TOTAL_PRIMITIVE_COUNT",
            "PIPE_CACHE_MISS_COUNTER", "PREFETCH_CACHE_MISS_COUNTER", "CULLED_QUAD_COUNT"]),
        new("TX", ["TOTAL_BILINEAR_REQUESTS", "TOTAL_TRILINEAR_REQUESTS", "TOTAL_DISCARDED_TEXTURE_REQUESTS",
            "TOTAL_TEXTURE_REQUESTS", "MEM_READ_COUNT", "MEM_READ_IN_8B_COUNT", "CACHE_MISS_COUNT",
            "CACHE_HIT_TEXEL_COUNT", "CACHE_MISS_TEXEL_COUNT"]),
        new("MC", ["TOTAL_READ_REQ_8B_FROM_PIPELINE", "TOTAL_READ_REQ_8B_FROM_IP", "TOTAL_WRITE_REQ_8B_FROM_PIPELINE"]),
    ];

    public static IReadOnlyList<Domain> Domains2D { get; } =
    [
        new("HI", ["TOTAL_CYCLES", "IDLE_CYCLES"]),
        new("PE", ["PIXELS_RENDERED_2D"]),
    ];

    public static IReadOnlyList<Domain> DomainsVg { get; } = [new("HI", ["TOTAL_CYCLES", "IDLE_CYCLES"])];

    /// <summary>The domains of the pipes a core has (only the 3D pipe on the emulated cores).</summary>
    public static IReadOnlyList<Domain> DomainsOf(EtnavivChipIdentity id)
    {
        var list = new List<Domain>();
        if ((id.Features[0] & 0x4) != 0)
            list.AddRange(Domains3D);
        if ((id.Features[0] & 0x200) != 0)
            list.AddRange(Domains2D);
        if ((id.Features[0] & 0x04000000) != 0)
            list.AddRange(DomainsVg);
        return list;
    }

    /// <summary>etnaviv_pm_req_validate(): domain and signal exist for the submit's exec state.</summary>
    public static bool Validate(uint execState, byte domain, ushort signal)
    {
        var doms = execState switch
        {
            Uapi.EtnavivIoctls.Pipe3D => Domains3D,
            Uapi.EtnavivIoctls.Pipe2D => Domains2D,
            _ => DomainsVg,
        };
        return domain < doms.Count && signal < doms[domain].Signals.Length;
    }
}
