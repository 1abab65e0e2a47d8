using System.Text;
using Igt.Drm.Gem;

namespace Igt.Drivers.Etnaviv;

/// <summary>The etnaviv files under /sys/kernel/debug/dri/N/: gpu (identity and state), gem (objects), ring.</summary>
public static class EtnavivDebugfs
{
    public static string Gpu(EtnavivDrmPrivate priv)
    {
        var sb = new StringBuilder();
        foreach (var gpu in priv.Gpus.OfType<EtnavivGpu>())
        {
            var id = gpu.Identity;
            sb.Append($"{gpu.CoreName} Status:\n\tidentity\n\t model: 0x{id.Model:x}\n\t revision: 0x{id.Revision:x}\n");
            sb.Append($"\t product_id: 0x{id.ProductId:x}\n\t customer_id: 0x{id.CustomerId:x}\n\t eco_id: 0x{id.EcoId:x}\n\tfeatures\n");
            sb.Append($"\t major_features: 0x{id.Features[0]:x8}\n");
            for (var i = 1; i < id.Features.Length; i++)
                sb.Append($"\t minor_features{i - 1}: 0x{id.Features[i]:x8}\n");
            sb.Append($"\tstate: {gpu.State}\n\tmmu: v{(int)priv.MmuGlobal.Version}\n");
            sb.Append($"\tcompleted fence: {gpu.CompletedFence}\n\tactive jobs: {gpu.InflightCount}\n");
            sb.Append($"\tFE: {(gpu.Fe.Running ? "running" : "idle")} dma address 0x{gpu.Fe.DmaAddress:x8}\n");
        }
        return sb.ToString();
    }

    public static string Gem(EtnavivDrmPrivate priv)
    {
        var sb = new StringBuilder("   handles  flags     size  resident mappings active\n");
        foreach (var o in priv.Dev.LiveObjects().OfType<EtnavivGem>().OrderBy(o => o.Id))
        {
            sb.Append($"{o.Id,4} {o.HandleCount,5} 0x{o.Flags:x8} {o.Size,9} {o.ResidentPages * 4096L,9} {o.Mappings.Count,8} {o.GpuActive,6}");
            sb.Append(o.IsUserptr ? " userptr\n" : "\n");
        }
        return sb.ToString();
    }

    public static string Ring(EtnavivDrmPrivate priv)
    {
        var sb = new StringBuilder();
        foreach (var gpu in priv.Gpus.OfType<EtnavivGpu>())
        {
            if (gpu.Buffer is not { } ring)
                continue;
            sb.Append($"virt 0x{ring.Va(priv.MmuGlobal.Version):x8} user_size {ring.UserSize} suballoc granules used {priv.Suballoc.UsedGranules}\n");
        }
        return sb.ToString();
    }
}
