using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.I915;

/// <summary>
/// lib/igt_dummyload.c igt_spin: a batch that jumps back to its own start (MI_BATCH_BUFFER_START) until the
/// test writes MI_BATCH_BUFFER_END into it through a CPU mapping (<see cref="End"/>), or a timer does
/// (<see cref="SetTimeout"/>). Dependencies are listed as written objects, so they stay busy while it spins.
/// Layout: [0] MI_ARB_CHECK, [1] the condition (MI_NOOP, later MI_BATCH_BUFFER_END), [2..4] BB_START to [0].
/// </summary>
public sealed class IgtSpin : IDisposable
{
    private const ulong BatchSize = 4096;
    private const ulong ConditionOffset = 4;
    private readonly ISyscalls _sys;
    private readonly int _fd;
    private Thread? _timer;
    private readonly ManualResetEventSlim _cancelTimer = new();
    private int _ended;

    private IgtSpin(ISyscalls sys, int fd, uint handle, ulong map)
    {
        _sys = sys;
        _fd = fd;
        Handle = handle;
        Map = map;
    }

    /// <summary>The spinning batch's handle (busy while it spins).</summary>
    public uint Handle { get; }

    /// <summary>CPU address of the batch (a WC mmap).</summary>
    public ulong Map { get; }

    /// <summary>The out-fence fd when asked for (-1 otherwise).</summary>
    public int OutFence { get; private set; } = -1;

    /// <summary>The execbuf result, for __igt_spin_new callers that expect it to fail.</summary>
    public int SubmitResult { get; private set; }

    /// <summary>igt_spin_new: starts spinning on <paramref name="engine"/> (null: the default ring).</summary>
    public static IgtSpin New(ISyscalls sys, int fd, IntelEngine? engine = null, uint[]? dependencies = null, bool fenceOut = false)
    {
        var spin = TryNew(sys, fd, engine, dependencies, fenceOut);
        if (spin.SubmitResult != 0)
        {
            spin.Dispose();
            throw new IgtAssertionException($"igt_spin execbuf failed: {Errno.Name(spin.SubmitResult)}");
        }
        return spin;
    }

    /// <summary>__igt_spin_new: like <see cref="New"/> but the execbuf result is left in <see cref="SubmitResult"/>.</summary>
    public static IgtSpin TryNew(ISyscalls sys, int fd, IntelEngine? engine = null, uint[]? dependencies = null, bool fenceOut = false)
    {
        var handle = GemCreate.Create(sys, fd, BatchSize);
        var map = MapBatch(sys, fd, handle);
        var spin = new IgtSpin(sys, fd, handle, map);
        var batch = new uint[]
        {
            IntelGpuCommands.MiArbCheck,
            IntelGpuCommands.MiNoop,
            IntelGpuCommands.MiBatchBufferStartGen8, 0, 0,
            IntelGpuCommands.MiNoop,
        };
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(batch.AsSpan());
        if (sys.Write(map, bytes) != FaultResult.Ok)
            throw new IgtAssertionException("writing the spinner batch faulted");

        using var list = new GemExecList(sys);
        foreach (var dep in dependencies ?? [])
            list.Add(dep, ExecObjectFlags.Write);
        var bi = list.Add(handle);
        list.Reloc(bi, 12, handle, 0, I915GemDomain.Command);
        var flags = (engine?.ExecFlags ?? I915ExecFlags.Default) | (fenceOut ? I915ExecFlags.FenceOut : 0);
        var eb = list.Args(flags);
        spin.SubmitResult = fenceOut ? GemExecbuf.TryExecbufWr(sys, fd, ref eb) : GemExecbuf.TryExecbuf(sys, fd, ref eb);
        if (spin.SubmitResult == 0 && fenceOut)
            spin.OutFence = (int)(eb.Rsvd2 >> 32);
        return spin;
    }

    /// <summary>igt_spin_end: the next loop reads MI_BATCH_BUFFER_END and the batch completes.</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return;
        Span<byte> bbe = stackalloc byte[4];
        BitConverter.TryWriteBytes(bbe, IntelGpuCommands.MiBatchBufferEnd);
        _sys.Write(Map + ConditionOffset, bbe);
    }

    /// <summary>
    /// igt_spin_set_timeout: ends the spinner after <paramref name="timeout"/>, from a thread of its own (IGT's
    /// timerfd thread) so a busy thread pool cannot delay it.
    /// </summary>
    public void SetTimeout(TimeSpan timeout)
    {
        var due = DateTime.UtcNow + timeout;
        _timer = new Thread(() =>
        {
            var left = due - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_cancelTimer.Wait(left))
                End();
        }) { IsBackground = true, Name = "igt-spin-timeout" };
        _timer.Start();
    }

    /// <summary>igt_spin_free: end it, wait for it, release everything.</summary>
    public void Dispose()
    {
        _cancelTimer.Set();
        End();
        if (SubmitResult == 0)
            GemIoctls.Sync(_sys, _fd, Handle);
        _sys.Munmap(Map, BatchSize);
        Gem.TryClose(_sys, _fd, Handle);
        if (OutFence >= 0)
            _sys.Close(OutFence);
    }

    private static ulong MapBatch(ISyscalls sys, int fd, uint handle)
    {
        var addr = GemMman.TryMmap(sys, fd, handle, 0, BatchSize, I915MmapOffsetType.LegacyWcFlag);
        if (addr < 0)
            addr = GemMman.TryMapOffset(sys, fd, handle, 0, BatchSize, Prot.ReadWrite, I915MmapOffsetType.Wb);
        if (addr < 0)
            throw new IgtAssertionException($"mapping the spinner batch failed: {Errno.Name((int)addr)}");
        return (ulong)addr;
    }
}
