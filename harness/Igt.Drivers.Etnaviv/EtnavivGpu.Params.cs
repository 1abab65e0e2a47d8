using Igt.Drivers.Etnaviv.Uapi;
using Igt.Kernel;
using Igt.Kernel.Printk;

namespace Igt.Drivers.Etnaviv;

/// <summary>etnaviv_gpu_get_param().</summary>
public sealed partial class EtnavivGpu
{
    public int GetParam(uint param, out ulong value)
    {
        var id = Identity;
        value = 0;
        switch (param)
        {
            case EtnavivParams.GpuModel: value = id.Model; break;
            case EtnavivParams.GpuRevision: value = id.Revision; break;
            case >= EtnavivParams.GpuFeatures0 and <= EtnavivParams.GpuFeatures12: value = id.Features[param - EtnavivParams.GpuFeatures0]; break;
            case EtnavivParams.GpuStreamCount: value = id.StreamCount; break;
            case EtnavivParams.GpuRegisterMax: value = id.RegisterMax; break;
            case EtnavivParams.GpuThreadCount: value = id.ThreadCount; break;
            case EtnavivParams.GpuVertexCacheSize: value = id.VertexCacheSize; break;
            case EtnavivParams.GpuShaderCoreCount: value = id.ShaderCoreCount; break;
            case EtnavivParams.GpuPixelPipes: value = id.PixelPipes; break;
            case EtnavivParams.GpuVertexOutputBufferSize: value = id.VertexOutputBufferSize; break;
            case EtnavivParams.GpuBufferSize: value = id.BufferSize; break;
            case EtnavivParams.GpuInstructionCount: value = id.InstructionCount; break;
            case EtnavivParams.GpuNumConstants: value = id.NumConstants; break;
            case EtnavivParams.GpuNumVaryings: value = id.VaryingsCount; break;
            case EtnavivParams.SoftpinStartAddr:
                value = Priv.MmuGlobal.Version == EtnavivIommuVersion.V2 ? EtnavivIoctls.SoftpinStartAddress : ulong.MaxValue;
                break;
            case EtnavivParams.GpuProductId: value = id.ProductId; break;
            case EtnavivParams.GpuCustomerId: value = id.CustomerId; break;
            case EtnavivParams.GpuEcoId: value = id.EcoId; break;
            default:
                Priv.Machine.Dmesg.Printk(LogLevel.Debug, $"[drm:etnaviv_gpu_get_param [etnaviv]] {CoreName}: invalid param: {param}");
                return -Errno.EINVAL;
        }
        return 0;
    }
}
