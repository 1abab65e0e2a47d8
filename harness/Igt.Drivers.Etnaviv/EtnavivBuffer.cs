using Igt.Drivers.Etnaviv.Hw;
using static Igt.Drivers.Etnaviv.Hw.EtnavivCmdstream;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_buffer.c: the kernel's ring. The front end idles in a WAIT/LINK loop at the end of the ring. Queueing a
/// job appends to the ring (after any MMU flush or pipe switch) a cache flush, a semaphore stall, the job's event,
/// and a new WAIT/LINK pair; appends to the job's command buffer a LINK back to those commands; and then replaces
/// the previous WAIT with a LINK to the job, address first and header last, so the front end never sees a half
/// written command.
/// </summary>
public static class EtnavivBuffer
{
    /// <summary>Cycles each WAIT of the idle loop waits (gpu->fe_waitcycles).</summary>
    public const uint WaitCycles = 0xffff;

    /// <summary>etnaviv_buffer_init(): a WAIT and a LINK back to it; returns the prefetch of the loop (64-bit units).</summary>
    public static ushort Init(EtnavivGpu gpu)
    {
        var buffer = gpu.Buffer!;
        buffer.UserSize = 0;
        CmdWait(buffer);
        CmdLink(buffer, 2, Va(gpu, buffer) + (uint)buffer.UserSize - 4);
        return (ushort)(buffer.UserSize / 8);
    }

    /// <summary>etnaviv_buffer_queue(): caller holds the GPU lock.</summary>
    public static void Queue(EtnavivGpu gpu, uint execState, EtnavivIommuContext mmuContext, int eventId, EtnavivGemSubmit submit)
    {
        var buffer = gpu.Buffer!;
        var v2 = gpu.Priv.MmuGlobal.Version == EtnavivIommuVersion.V2;
        var waitlinkOffset = buffer.UserSize - 16;
        var switchContext = gpu.ExecState != (int)execState;
        var switchMmuContext = !ReferenceEquals(gpu.MmuContext, mmuContext);
        var needFlush = switchMmuContext;

        var linkTarget = submit.StreamVa;
        var linkDwords = submit.StreamPrefetch;

        if (needFlush || switchContext)
        {
            uint extraDwords = 1;
            if (needFlush)
                extraDwords += v2 ? 3u : 1u;
            if (switchContext)
                extraDwords += 4;
            var target = Reserve(gpu, buffer, extraDwords);
            if (switchMmuContext)
            {
                mmuContext.Get();
                gpu.MmuContext?.Put();
                gpu.MmuContext = mmuContext;
            }
            if (needFlush)
            {
                if (!v2)
                {
                    CmdLoadState(buffer, EtnavivStates.GlFlushMmu, 0x1f);
                }
                else
                {
                    var mtlb = ((EtnavivIommuV2)mmuContext).MtlbAddress;
                    CmdLoadState(buffer, EtnavivStates.MmuV2Configuration, mtlb | EtnavivStates.MmuV2ConfigurationFlush);
                    CmdSem(buffer, SyncRecipientFe, SyncRecipientPe);
                    CmdStall(buffer, SyncRecipientFe, SyncRecipientPe);
                }
            }
            if (switchContext)
            {
                SelectPipe(gpu, buffer, execState);
                gpu.ExecState = (int)execState;
            }
            CmdLink(buffer, linkDwords, linkTarget);
            linkTarget = target;
            linkDwords = extraDwords;
        }

        // The job returns to up to 7 64-bit words of ring: 2 flushes, semaphore, stall, event, wait, link.
        const uint returnDwords = 7;
        var returnTarget = Reserve(gpu, buffer, returnDwords);
        submit.WriteReturnLink(returnDwords, returnTarget);

        if (execState == Uapi.EtnavivIoctls.Pipe2D)
        {
            CmdLoadState(buffer, EtnavivStates.GlFlushCache, EtnavivStates.GlFlushCachePe2D);
        }
        else
        {
            CmdLoadState(buffer, EtnavivStates.GlFlushCache, EtnavivStates.GlFlushCacheDepth | EtnavivStates.GlFlushCacheColor);
            CmdLoadState(buffer, EtnavivStates.TsFlushCache, 1);
        }
        CmdSem(buffer, SyncRecipientFe, SyncRecipientPe);
        CmdStall(buffer, SyncRecipientFe, SyncRecipientPe);
        CmdLoadState(buffer, EtnavivStates.GlEvent, (uint)eventId | EtnavivStates.GlEventFromPe);
        CmdWait(buffer);
        CmdLink(buffer, 2, Va(gpu, buffer) + (uint)buffer.UserSize - 4);

        ReplaceWait(buffer, waitlinkOffset, Link(linkDwords), linkTarget);
    }

    /// <summary>etnaviv_cmd_select_pipe(): flush the old pipe's caches, stall, and switch.</summary>
    private static void SelectPipe(EtnavivGpu gpu, EtnavivCmdbuf buffer, uint pipe)
    {
        var flush = gpu.ExecState == (int)Uapi.EtnavivIoctls.Pipe2D
            ? EtnavivStates.GlFlushCachePe2D
            : EtnavivStates.GlFlushCacheDepth | EtnavivStates.GlFlushCacheColor;
        CmdLoadState(buffer, EtnavivStates.GlFlushCache, flush);
        CmdSem(buffer, SyncRecipientFe, SyncRecipientPe);
        CmdStall(buffer, SyncRecipientFe, SyncRecipientPe);
        CmdLoadState(buffer, EtnavivStates.GlPipeSelect, pipe == Uapi.EtnavivIoctls.Pipe2D ? 1u : 0u);
    }

    /// <summary>etnaviv_buffer_reserve(): wraps to the start when the commands would not fit.</summary>
    private static uint Reserve(EtnavivGpu gpu, EtnavivCmdbuf buffer, uint cmdDwords)
    {
        if (buffer.UserSize + cmdDwords * 8 > buffer.Size)
            buffer.UserSize = 0;
        return Va(gpu, buffer) + (uint)buffer.UserSize;
    }

    private static void ReplaceWait(EtnavivCmdbuf buffer, int waitOffset, uint cmd, uint arg)
    {
        buffer.Write(waitOffset + 4, arg);
        buffer.Write(waitOffset, cmd);
    }

    private static uint Va(EtnavivGpu gpu, EtnavivCmdbuf buffer) => buffer.Va(gpu.Priv.MmuGlobal.Version);

    internal static void CmdLoadState(EtnavivCmdbuf b, uint reg, uint value)
    {
        b.Align8();
        b.Out(LoadState(reg, 1));
        b.Out(value);
    }

    internal static void CmdWait(EtnavivCmdbuf b)
    {
        b.Align8();
        b.Out(Wait(WaitCycles));
    }

    internal static void CmdLink(EtnavivCmdbuf b, uint prefetch, uint address)
    {
        b.Align8();
        b.Out(Link(prefetch));
        b.Out(address);
    }

    private static void CmdStall(EtnavivCmdbuf b, uint from, uint to)
    {
        b.Align8();
        b.Out(Stall);
        b.Out(StallToken(from, to));
    }

    private static void CmdSem(EtnavivCmdbuf b, uint from, uint to) =>
        CmdLoadState(b, EtnavivStates.GlSemaphoreToken, (from & 0x1f) | ((to & 0x1f) << 8));
}
