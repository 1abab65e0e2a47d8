using Igt.Core;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Os;

namespace Igt.Etnaviv;

/// <summary>A BO in a submit: handle, ETNA_SUBMIT_BO_READ/WRITE, and the softpin address if any.</summary>
public readonly record struct EtnavivSubmitBo(uint Handle, uint Flags = EtnavivIoctls.SubmitBoRead | EtnavivIoctls.SubmitBoWrite, ulong Presumed = 0);

/// <summary>GEM_SUBMIT helpers: places the BO list, the relocations and the stream in user memory and submits.</summary>
public static class EtnavivSubmit
{
    /// <summary>
    /// Submits <paramref name="stream"/> with <paramref name="bos"/>. With <paramref name="streamAddress"/> the stream
    /// is taken from that user memory (the caller wrote it) instead of a copy the helper makes. Returns 0 or -errno;
    /// <paramref name="result"/> holds what the kernel wrote back (fence id, fence fd).
    /// </summary>
    public static int TrySubmit(ISyscalls sys, int fd, EtnavivCmdStream stream, EtnavivSubmitBo[] bos, out DrmEtnavivGemSubmit result,
        uint flags = 0, int fenceFd = -1, uint execState = EtnavivIoctls.Pipe3D, uint pipe = 0,
        DrmEtnavivGemSubmitPmr[]? pmrs = null, ulong streamAddress = 0)
    {
        var submitBos = bos.Select(b => new DrmEtnavivGemSubmitBo { Handle = b.Handle, Flags = b.Flags, Presumed = b.Presumed }).ToArray();
        using var boBuf = UserBuffer.From<DrmEtnavivGemSubmitBo>(sys, submitBos);
        using var relocBuf = UserBuffer.From<DrmEtnavivGemSubmitReloc>(sys, stream.Relocs.ToArray());
        using var pmrBuf = UserBuffer.From<DrmEtnavivGemSubmitPmr>(sys, pmrs ?? []);
        using var streamBuf = UserBuffer.Alloc(sys, Math.Max(stream.SizeBytes, 8));
        if (streamAddress == 0)
            streamBuf.WriteBytes(0, stream.ToBytes());
        var a = new DrmEtnavivGemSubmit
        {
            Pipe = pipe,
            ExecState = execState,
            NrBos = (uint)bos.Length,
            NrRelocs = (uint)stream.Relocs.Count,
            StreamSize = stream.SizeBytes,
            Bos = boBuf.Addr,
            Relocs = relocBuf.Addr,
            Stream = streamAddress != 0 ? streamAddress : streamBuf.Addr,
            Flags = flags,
            FenceFd = fenceFd,
            Pmrs = pmrBuf.Addr,
            NrPmrs = (uint)(pmrs?.Length ?? 0),
        };
        var r = TrySubmitRaw(sys, fd, ref a);
        result = a;
        return r;
    }

    /// <summary>Submits and returns the fence id (asserts success).</summary>
    public static uint Submit(ISyscalls sys, int fd, EtnavivCmdStream stream, params EtnavivSubmitBo[] bos)
    {
        var r = TrySubmit(sys, fd, stream, bos, out var result);
        IgtCore.Assert(r == 0, $"GEM_SUBMIT: {Errno.Name(r)}");
        return result.Fence;
    }

    /// <summary>Submits with ETNA_SUBMIT_FENCE_FD_OUT and returns the sync_file fd (asserts success).</summary>
    public static int SubmitWithFenceFd(ISyscalls sys, int fd, EtnavivCmdStream stream, params EtnavivSubmitBo[] bos)
    {
        var r = TrySubmit(sys, fd, stream, bos, out var result, flags: EtnavivIoctls.SubmitFenceFdOut);
        IgtCore.Assert(r == 0, $"GEM_SUBMIT (fence fd out): {Errno.Name(r)}");
        IgtCore.Assert(result.FenceFd >= 0, "GEM_SUBMIT returned a fence fd");
        return result.FenceFd;
    }

    /// <summary>The ioctl on a caller-built argument (bad-pointer and bad-field tests). Restarts on EINTR like drmIoctl.</summary>
    public static int TrySubmitRaw(ISyscalls sys, int fd, ref DrmEtnavivGemSubmit args) =>
        DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GemSubmit, ref args);
}
