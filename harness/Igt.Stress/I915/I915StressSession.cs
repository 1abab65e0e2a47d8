using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Signals;
using Igt.Stress.Workloads;

namespace Igt.Stress.I915;

/// <summary>
/// The i915 stress session: GEM objects written by pwrite and MI_STORE_DWORD_IMM (blitter engine), userptr objects
/// over anonymous memory that gets unmapped or moved under them, a spinner on the render engine keeping objects
/// busy while the shrinker runs, madvise, and waits/execbufs interrupted by signals.
/// </summary>
public sealed class I915StressSession : StressSession
{
    public const int BoSlots = 8;
    private const ulong Page = 4096;
    private readonly int _fd;
    private readonly I915StressBo?[] _bos = new I915StressBo?[BoSlots];
    private IgtSpin? _spin;
    private List<I915StressBo> _spinBos = new();

    public I915StressSession(Machine machine) : base(machine, "i915")
    {
        Sys.CatchSignal(Signal.SIGUSR1, restart: false);
        // Hangcheck after 250 ms (as gem_wait@hang-wait): a spinner wedged by a bug is reset quickly.
        foreach (var engine in new[] { "rcs0", "bcs0" })
            Sys.WriteTextFile($"/sys/class/drm/card0/engine/{engine}/heartbeat_interval_ms", "250");
        var warm = Intel.Open(Sys);
        var h = GemCreate.Create(Sys, warm, Page);
        IgtStore.StoreWord(Sys, warm, IntelEngine.Bcs0, h, 0, 1);
        GemIoctls.Sync(Sys, warm, h);
        Gem.Close(Sys, warm, h);
        Sys.Close(warm);
        Begin();
        _fd = Intel.Open(Sys);
        ExpectDmesg(@"^\[IGT\]");
    }

    protected override string GpuFaultRegex => @"GPU HANG|i915 \S+: .*fault";

    /// <summary>GEM_CREATE of <paramref name="pages"/> pages; a new object reads zero.</summary>
    public void CreateBo(int bo, int pages)
    {
        if (_bos[bo] is null)
        {
            var size = (ulong)pages * Page;
            var r = GemCreate.TryCreate(Sys, _fd, ref size, out var handle);
            if (r != 0)
                throw Fail("GEM_CREATE failed", Errno.Name(r));
            var b = new I915StressBo(handle, size, 0);
            _bos[bo] = b;
            VerifyOne(bo, b, "new object not zeroed");
        }
        Step();
    }

    /// <summary>A CPU store: pwrite for a GEM object, a store to the user memory of a userptr object.</summary>
    public void CpuWrite(int bo, int dword, uint value)
    {
        if (Usable(bo) is { } b)
        {
            dword %= b.Dwords;
            EndSpinIfHolding(b);
            if (b.IsUserptr)
            {
                if (b.UserAddr == 0)
                {
                    Step();
                    return;
                }
                if (Sys.Write(b.UserAddr + (ulong)dword * 4, BitConverter.GetBytes(value)) != FaultResult.Ok)
                    throw Fail("store to userptr memory faulted", $"slot {bo}");
            }
            else if (GemIoctls.TryWrite(Sys, _fd, b.Handle, (ulong)dword * 4, BitConverter.GetBytes(value)) is var r && r != 0)
            {
                throw Fail("GEM_PWRITE failed", $"slot {bo}: {Errno.Name(r)}");
            }
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>MI_STORE_DWORD_IMM on the blitter into the object; waits. A userptr whose memory is gone must give EFAULT.</summary>
    public void GpuStore(int bo, int dword, uint value)
    {
        if (Usable(bo) is { } b)
        {
            dword %= b.Dwords;
            EndSpinIfHolding(b);
            var r = IgtStore.StoreWord(Sys, _fd, IntelEngine.Bcs0, b.Handle, (ulong)dword * 4, value);
            // Let the GPU finish first: a report it prints names the finding, whichever check fails.
            if (r == 0)
                GemIoctls.Sync(Sys, _fd, b.Handle);
            var gone = b.IsUserptr && b.UserAddr == 0;
            if (gone)
            {
                if (r != -Errno.EFAULT)
                    throw Fail("execbuf on a userptr whose memory was unmapped did not fail with EFAULT", $"slot {bo}: {Errno.Name(r)}");
            }
            else if (r != 0)
            {
                throw Fail("EXECBUFFER2 failed", $"store into slot {bo}: {Errno.Name(r)}");
            }
            else
            {
                b.Expected[dword] = value;
            }
        }
        Step();
    }

    /// <summary>Starts the render-engine spinner with the object as a dependency (it stays busy until SpinEnd).</summary>
    public void Spin(int bo)
    {
        if (_spin is null && Usable(bo) is { IsUserptr: false } b)
        {
            _spin = IgtSpin.New(Sys, _fd, IntelEngine.Rcs0, [b.Handle]);
            _spinBos = [b];
        }
        Step();
    }

    public void SpinEnd()
    {
        EndSpin();
        Step();
    }

    public void CloseHandle(int bo)
    {
        if (_bos[bo] is { } b)
        {
            _bos[bo] = null;
            if (Gem.TryClose(Sys, _fd, b.Handle) is var r && r != 0)
                throw Fail("GEM_CLOSE failed", Errno.Name(r));
            if (b.UserAddr != 0 || b.Reserved != 0)
                Sys.Munmap(b.UserAddr != 0 ? b.UserAddr : b.Reserved, b.Size);
        }
        Step();
    }

    /// <summary>I915_GEM_MADVISE: DONTNEED objects are left alone until WILLNEED (they may be purged).</summary>
    public void Madvise(int bo, int dontneed)
    {
        if (_bos[bo] is { IsUserptr: false, MaybePurged: false } b)
        {
            var r = GemIoctls.TryMadvise(Sys, _fd, b.Handle, dontneed != 0 ? I915Madv.DontNeed : I915Madv.WillNeed, out var retained);
            if (r != 0)
                throw Fail("I915_GEM_MADVISE failed", Errno.Name(r));
            if (!retained)
                throw Fail("I915_GEM_MADVISE: an object not purged reported purged", $"slot {bo}");
            b.Dontneed = dontneed != 0;
        }
        Step();
    }

    /// <summary>i915_drop_caches: bound, unbound and shrink-all, with the spinner (if any) still running.</summary>
    public void DropCaches()
    {
        IgtDropCaches.Set(Sys, 0, IgtDropCaches.Bound | IgtDropCaches.Unbound | IgtDropCaches.ShrinkAll);
        if (_spin is { } spin)
        {
            // The spinner keeps fetching from pages reclaim must have left alone: give the engine 20 ms of it (a
            // GEM_WAIT on the spinner) before the next operation may end it, so a freed batch is read even on a
            // loaded host. (Hangcheck may have reset a long spinner: idle is allowed.)
            var w = new DrmI915GemWait { BoHandle = spin.Handle, TimeoutNs = 20_000_000 };
            var r = DrmIoctlHelper.IoctlRaw(Sys, _fd, I915Ioctls.GemWait, ref w);
            if (r is not (0 or -Errno.ETIME))
                throw Fail("I915_GEM_WAIT on the spinner failed", $"after drop_caches: {Errno.Name(r)}");
        }
        foreach (var b in _bos)
            if (b is { Dontneed: true } && !_spinBos.Contains(b))
                b.MaybePurged = true;
        Step();
    }

    /// <summary>GEM_USERPTR over fresh anonymous memory of <paramref name="pages"/> pages.</summary>
    public void Userptr(int bo, int pages)
    {
        if (_bos[bo] is null)
        {
            var size = (ulong)pages * Page;
            var addr = Sys.Mmap(0, size, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
            if (addr < 0)
                throw Fail("anonymous mmap failed", Errno.Name((int)addr));
            var r = GemUserptr.TryUserptr(Sys, _fd, (ulong)addr, size, false, 0, out var handle);
            if (r != 0)
                throw Fail("GEM_USERPTR failed", Errno.Name(r));
            _bos[bo] = new I915StressBo(handle, size, (ulong)addr) { IsUserptr = true };
        }
        Step();
    }

    /// <summary>GEM_USERPTR with a pointer <paramref name="misalign"/> bytes off a page: must be EINVAL.</summary>
    public void UserptrUnaligned(int misalign)
    {
        misalign = 1 + misalign % 4095;
        var addr = Sys.Mmap(0, 2 * Page, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        var r = GemUserptr.TryUserptr(Sys, _fd, (ulong)addr + (ulong)misalign, Page, false, 0, out var handle);
        if (r == 0)
            Gem.TryClose(Sys, _fd, handle);
        Sys.Munmap((ulong)addr, 2 * Page);
        if (r != -Errno.EINVAL)
            throw Fail("GEM_USERPTR of an unaligned pointer not refused", $"pointer +{misalign}: {Errno.Name(r)}, expected EINVAL");
        Step();
    }

    /// <summary>munmap of a userptr object's memory (the handle stays): later GPU use must fail with EFAULT.</summary>
    public void UserptrUnmap(int bo)
    {
        if (_bos[bo] is { IsUserptr: true, UserAddr: not 0 } b)
        {
            Sys.Munmap(b.UserAddr, b.Size);
            Reserve(b);
        }
        Step();
    }

    /// <summary>mremap of a userptr object's memory elsewhere (MAYMOVE): the old range is gone for the object.</summary>
    public void UserptrRemap(int bo)
    {
        if (_bos[bo] is { IsUserptr: true, UserAddr: not 0 } b)
        {
            var r = Sys.Mremap(b.UserAddr, b.Size, 2 * b.Size, MremapFlags.MayMove);
            if (r < 0)
                throw Fail("mremap failed", Errno.Name((int)r));
            if ((ulong)r != b.UserAddr)
            {
                Sys.Munmap((ulong)r, 2 * b.Size);
                Reserve(b);
            }
        }
        Step();
    }

    /// <summary>
    /// I915_GEM_WAIT of 500 ms on a busy spinner, interrupted by a signal (no SA_RESTART) after 20 ms: -EINTR with
    /// the time left written back, so a restart does not wait the full timeout again.
    /// </summary>
    public void WaitInterrupted()
    {
        using var spin = IgtSpin.New(Sys, _fd, IntelEngine.Bcs0);
        const long timeout = 500_000_000;
        var a = new DrmI915GemWait { BoHandle = spin.Handle, TimeoutNs = timeout };
        int r;
        using (SignalAfter(TimeSpan.FromMilliseconds(20)))
            r = DrmIoctlHelper.IoctlRaw(Sys, _fd, I915Ioctls.GemWait, ref a);
        if (r == -Errno.EINTR && a.TimeoutNs >= timeout)
            throw Fail("I915_GEM_WAIT interrupted by a signal did not write back the time left",
                $"timeout_ns {a.TimeoutNs} after the interruption, was {timeout}");
        if (r is not (-Errno.EINTR or -Errno.ETIME))
            throw Fail("I915_GEM_WAIT on a spinner failed", Errno.Name(r));
        Step();
    }

    /// <summary>
    /// Fills the blitter's ring behind a spinner with one more request than it holds, every submission interruptible
    /// by a signal sent every 20 ms; a submission that comes back with EINTR ends the spinner and is resubmitted, as
    /// drmIoctl does. Submission i stores 1 into dword i of the object and rewrites its own store to 2: every dword
    /// must read 1 (a request that was queued and then reported as interrupted runs twice and leaves 2). Whether the
    /// kernel blocks before queueing (correct) or after (the bug), the blocked submission is the same one.
    /// </summary>
    public void RingfillInterrupted(int bo)
    {
        if (Usable(bo) is { IsUserptr: false } b && b.Dwords >= RingfillSubmissions)
        {
            EndSpinIfHolding(b);
            var gen = Intel.Gen(Sys, _fd);
            var batch = GemCreate.Create(Sys, _fd, (ulong)((RingfillSubmissions * RingfillSeqBytes + Page - 1) / Page * Page));
            var words = new uint[RingfillSubmissions * RingfillSeqBytes / 4];
            using var list = new GemExecList(Sys);
            list.Add(b.Handle, ExecObjectFlags.Write);
            var bi = list.Add(batch);
            for (var i = 0; i < RingfillSubmissions; i++)
            {
                var seq = new List<uint>();
                // Addresses as presumed (offset 0 + delta): relocations whose presumed offset is right are skipped.
                var slot = IgtStore.EmitStoreDword(seq, gen, (ulong)(4 * i), 1);
                var self = IgtStore.EmitStoreDword(seq, gen, (ulong)(i * RingfillSeqBytes + 12), 2);
                IgtStore.End(seq);
                seq.CopyTo(words, i * RingfillSeqBytes / 4);
                list.Reloc(bi, (ulong)(i * RingfillSeqBytes + slot * 4), b.Handle, (uint)(4 * i), I915GemDomain.Render, I915GemDomain.Render);
                // The batch patches the value of its own first store, dword 3 of the sequence on every gen (a read-domain reloc: a batch is never a GPU write target).
                list.Reloc(bi, (ulong)(i * RingfillSeqBytes + self * 4), batch, (uint)(i * RingfillSeqBytes + 12), I915GemDomain.Instruction);
            }
            GemIoctls.Write(Sys, _fd, batch, 0, words);
            var interrupted = 0;
            using (var spin = IgtSpin.New(Sys, _fd, IntelEngine.Bcs0))
            using (SignalEvery(TimeSpan.FromMilliseconds(20)))
            {
                for (var i = 0; i < RingfillSubmissions; i++)
                {
                    var eb = list.Args(IntelEngine.Bcs0.ExecFlags, batchStartOffset: (uint)(i * RingfillSeqBytes));
                    int r;
                    while ((r = DrmIoctlHelper.IoctlRaw(Sys, _fd, I915Ioctls.GemExecbuffer2, ref eb)) is -Errno.EINTR or -Errno.EAGAIN)
                    {
                        interrupted++;
                        spin.End();
                    }
                    if (r != 0)
                        throw Fail("EXECBUFFER2 failed", $"ring-fill submission {i} into slot {bo}: {Errno.Name(r)}");
                }
            }
            GemIoctls.Sync(Sys, _fd, b.Handle);
            Gem.Close(Sys, _fd, batch);
            for (var i = 0; i < RingfillSubmissions; i++)
            {
                var got = GemIoctls.ReadU32(Sys, _fd, b.Handle, (ulong)(4 * i));
                if (got == 2)
                    throw Fail("execbuf interrupted while waiting for ring space ran twice",
                        $"slot {bo} dword {i} reads 2 (two stores); {interrupted} submissions interrupted");
                b.Expected[i] = 1;
            }
            if (interrupted == 0)
                throw Fail("execbuf on a full ring did not wait for space", $"{RingfillSubmissions} submissions behind a spinner, none interrupted");
        }
        Step();
    }

    /// <summary>Submissions of one ring fill: the spinner plus these are one more than the ring holds.</summary>
    private const int RingfillSubmissions = I915RingRequests;

    private const int RingfillSeqBytes = 64;

    /// <summary>Requests a context's ring holds (I915GemContext.RingRequests).</summary>
    private const int I915RingRequests = 64;

    protected override void VerifyContents()
    {
        for (var i = 0; i < BoSlots; i++)
            if (_bos[i] is { MaybePurged: false, Dontneed: false } b && !_spinBos.Contains(b))
                VerifyOne(i, b, "BO contents mismatch");
    }

    protected override void Teardown()
    {
        EndSpin();
        for (var i = 0; i < BoSlots; i++)
        {
            if (_bos[i] is not { } b)
                continue;
            _bos[i] = null;
            Gem.TryClose(Sys, _fd, b.Handle);
            if (b.UserAddr != 0 || b.Reserved != 0)
                Sys.Munmap(b.UserAddr != 0 ? b.UserAddr : b.Reserved, b.Size);
        }
        Sys.Close(_fd);
    }

    private void VerifyOne(int slot, I915StressBo b, string what)
    {
        var buf = new byte[b.Size];
        if (b.IsUserptr)
        {
            if (b.UserAddr == 0)
                return;
            if (Sys.Read(b.UserAddr, buf) != FaultResult.Ok)
                throw Fail("load from userptr memory faulted", $"slot {slot}");
        }
        else if (GemIoctls.TryRead(Sys, _fd, b.Handle, 0, buf) is var r && r != 0)
        {
            throw Fail("GEM_PREAD failed", $"slot {slot}: {Errno.Name(r)}");
        }
        for (var d = 0; d < b.Dwords; d++)
        {
            var got = BitConverter.ToUInt32(buf, d * 4);
            if (got != b.Expected[d])
                throw Fail(what, $"slot {slot} dword {d}: 0x{got:x8}, expected 0x{b.Expected[d]:x8}");
        }
    }

    /// <summary>
    /// Keeps a userptr's vacated range inaccessible (PROT_NONE), so no later mapping lands there and makes the
    /// object's range valid again: from now on its GPU use must fail with EFAULT.
    /// </summary>
    private void Reserve(I915StressBo b)
    {
        var r = Sys.Mmap(b.UserAddr, b.Size, Prot.None, MapFlags.Private | MapFlags.Anonymous | MapFlags.Fixed);
        if (r < 0)
            throw Fail("PROT_NONE placeholder mmap failed", Errno.Name((int)r));
        b.Reserved = b.UserAddr;
        b.UserAddr = 0;
    }

    private I915StressBo? Usable(int bo) => _bos[bo] is { Dontneed: false, MaybePurged: false } b ? b : null;

    private void EndSpinIfHolding(I915StressBo b)
    {
        if (_spinBos.Contains(b))
            EndSpin();
    }

    private void EndSpin()
    {
        if (_spin is null)
            return;
        _spin.Dispose();
        _spin = null;
        _spinBos = new();
    }

    /// <summary>Sends SIGUSR1 to the session's process after <paramref name="delay"/> (the interrupted call is blocked by then).</summary>
    private IDisposable SignalAfter(TimeSpan delay)
    {
        var cancel = new ManualResetEventSlim();
        var t = new Thread(() =>
        {
            // send_signal() from "another CPU": kill() as a syscall of this same task would deliver the signal to
            // itself at that syscall's return, on this thread, and the blocked call would never see it.
            if (!cancel.Wait(delay))
                Task.Signals.Send(Signal.SIGUSR1);
        }) { IsBackground = true, Name = "stress-signal" };
        t.Start();
        return new Joiner(cancel, t);
    }

    /// <summary>A signal helper (igt_fork_signal_helper): SIGUSR1 to the session's process every <paramref name="period"/>.</summary>
    private IDisposable SignalEvery(TimeSpan period)
    {
        var cancel = new ManualResetEventSlim();
        var t = new Thread(() =>
        {
            while (!cancel.Wait(period))
                Task.Signals.Send(Signal.SIGUSR1);
        }) { IsBackground = true, Name = "stress-signal-helper" };
        t.Start();
        return new Joiner(cancel, t);
    }

    private sealed class Joiner(ManualResetEventSlim cancel, Thread t) : IDisposable
    {
        public void Dispose()
        {
            cancel.Set();
            t.Join();
            cancel.Dispose();
        }
    }
}
