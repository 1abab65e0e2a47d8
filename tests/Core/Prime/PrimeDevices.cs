using Igt.Core;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Heaps;
using Igt.Etnaviv;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Panfrost;
using Igt.Prime;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// The devices of a <see cref="PrimeTest"/> machine and the one GPU operation each test needs from them: write a
/// dword (panfrost WRITE_VALUE, etnaviv resolve fill, i915 MI_STORE_DWORD) and copy a buffer (etnaviv resolve).
/// </summary>
public sealed class PrimeDevices(ISyscalls sys)
{
    public ISyscalls Sys { get; } = sys;

    public int Vgem { get; } = DrmTest.OpenDriver(sys, "vgem");

    public int Panfrost { get; } = Igt.Panfrost.Panfrost.Open(sys);

    public int Etnaviv { get; } = IgtEtnaviv.Open(sys);

    public int I915 { get; } = Intel.Open(sys);

    /// <summary>DMA_HEAP_IOCTL_ALLOC on /dev/dma_heap/<paramref name="heap"/>: the dma-buf fd or -errno.</summary>
    public int TryHeapAlloc(string heap, ulong len, uint fdFlags = (uint)(OpenFlags.ReadWrite | OpenFlags.CloExec))
    {
        var hfd = Sys.Open("/dev/dma_heap/" + heap, OpenFlags.ReadWrite);
        IgtCore.Require(hfd >= 0, $"/dev/dma_heap/{heap}");
        try
        {
            var a = new DmaHeapAllocationData { Len = len, FdFlags = fdFlags };
            var r = Igt.Drm.DrmIoctlHelper.IoctlRaw(Sys, hfd, DmaHeapAllocationData.IoctlAlloc, ref a);
            return r < 0 ? r : (int)a.Fd;
        }
        finally
        {
            Sys.Close(hfd);
        }
    }

    public int HeapAlloc(string heap, ulong len)
    {
        var fd = TryHeapAlloc(heap, len);
        IgtCore.Assert(fd >= 0, $"DMA_HEAP_IOCTL_ALLOC {heap} {len}: {Errno.Name(fd)}");
        return fd;
    }

    public uint Import(int drmFd, int dmabuf) => PrimeHelpers.FdToHandle(Sys, drmFd, dmabuf);

    /// <summary>A panfrost WRITE_VALUE (imm32) job writing <paramref name="value"/> at <paramref name="offset"/> of the BO.</summary>
    public void PanfrostWrite(uint handle, ulong offset, uint value)
    {
        var job = PanfrostWriteJob(handle, offset, value);
        job.Submit(Sys, Panfrost);
        IgtCore.Assert(job.Wait(Sys, Panfrost, 2_000_000_000), "panfrost write job finished");
    }

    /// <summary>The job of <see cref="PanfrostWrite"/>, built but not submitted (for chaining behind a spinner).</summary>
    public PanfrostSubmission PanfrostWriteJob(uint handle, ulong offset, uint value)
    {
        var va = Igt.Panfrost.Panfrost.GetBoOffset(Sys, Panfrost, handle) + offset;
        var desc = Igt.Panfrost.Panfrost.GemNewMapped(Sys, Panfrost, 4096);
        var d = new byte[PanfrostJobDesc.Stride];
        PanfrostJobDesc.WriteValue(d, 1, 0, va, PanfrostJobDesc.WriteImm32, value);
        desc.Write(Sys, 0, d);
        return PanfrostSubmission.Create(Sys, Panfrost, desc, desc.Offset, [desc.Handle, handle]);
    }

    /// <summary>An etnaviv resolve fill of one dword; returns the fence id.</summary>
    public uint EtnavivWrite(uint handle, ulong offset, uint value, bool wait = true)
    {
        var fence = EtnavivSubmit.Submit(Sys, Etnaviv, new EtnavivCmdStream().StoreDword(0, offset, value),
            new EtnavivSubmitBo(handle, EtnavivIoctls.SubmitBoWrite));
        if (wait)
            EtnavivFence.Wait(Sys, Etnaviv, fence, TimeSpan.FromSeconds(2));
        return fence;
    }

    /// <summary>An etnaviv resolve copy of <paramref name="bytes"/> from <paramref name="src"/> to <paramref name="dst"/>.</summary>
    public uint EtnavivCopy(uint src, uint dst, ulong bytes, bool wait = true)
    {
        var fence = EtnavivSubmit.Submit(Sys, Etnaviv, new EtnavivCmdStream().CopyBuffer(0, 0, 1, 0, bytes),
            new EtnavivSubmitBo(src, EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(dst, EtnavivIoctls.SubmitBoWrite));
        if (wait)
            EtnavivFence.Wait(Sys, Etnaviv, fence, TimeSpan.FromSeconds(2));
        return fence;
    }

    /// <summary>An i915 MI_STORE_DWORD on the render engine: 0 or -errno from execbuf. Waits for it.</summary>
    public int TryI915Write(uint handle, ulong offset, uint value)
    {
        var r = IgtStore.StoreWord(Sys, I915, IntelEngine.Rcs0, handle, offset, value);
        if (r == 0)
            GemIoctls.Sync(Sys, I915, handle);
        return r;
    }

    public void I915Write(uint handle, ulong offset, uint value)
    {
        var r = TryI915Write(handle, offset, value);
        IgtCore.Assert(r == 0, $"i915 store dword: {Errno.Name(r)}");
    }

    public uint ReadU32(ulong addr) => EtnavivBo.ReadU32(Sys, addr);

    public void WriteU32(ulong addr, uint value) => EtnavivBo.WriteU32(Sys, addr, value);
}
