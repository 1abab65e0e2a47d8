using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Panfrost;
using Igt.Stress.Workloads;
using Pan = Igt.Panfrost.Panfrost;

namespace Igt.Stress.Panfrost;

/// <summary>
/// The panfrost stress session: three files (two primary, one render), up to <see cref="BoSlots"/> BOs and
/// <see cref="SpinSlots"/> spinners, each operation a public method. The model knows every BO's contents; WRITE_VALUE
/// jobs and CPU stores update it, and every check reads each live BO back through its CPU map.
/// </summary>
public sealed partial class PanfrostStressSession : StressSession
{
    public const int BoSlots = 8;
    public const int SpinSlots = 2;
    public const int FdSlots = 3;
    private const long JobTimeoutNs = 2_000_000_000;

    private readonly int[] _fds = new int[FdSlots];
    private readonly PanfrostStressBo?[] _bos = new PanfrostStressBo?[BoSlots];
    private readonly PanfrostStressSpin?[] _spins = new PanfrostStressSpin?[SpinSlots];

    public PanfrostStressSession(Machine machine) : base(machine, "panfrost")
    {
        // The first job of a file builds its address space and the scheduler's state: not part of the baseline.
        var warm = Pan.Open(Sys);
        var job = PanfrostSubmission.WriteValueJob(Sys, warm, triggerPageFault: false);
        job.Submit(Sys, warm);
        job.Wait(Sys, warm, JobTimeoutNs);
        job.Free(Sys, warm);
        Syncobj.Destroy(Sys, warm, job.OutSync);
        Sys.Close(warm);
        Begin();
        _fds[0] = Pan.Open(Sys);
        _fds[1] = Pan.Open(Sys);
        _fds[2] = Pan.OpenRender(Sys);
    }

    protected override string GpuFaultRegex => @"^panfrost \S+: (Unhandled Page fault|js fault)";

    /// <summary>CREATE_BO of <paramref name="pages"/> pages in file <paramref name="fd"/>, mapped; a new BO must read zero.</summary>
    public void CreateBo(int bo, int fd, int pages)
    {
        if (_bos[bo] is null)
        {
            var size = (ulong)pages * 4096;
            var r = Pan.TryGemNew(Sys, _fds[fd], size, 0, out var created);
            if (r != 0)
                throw Fail("PANFROST_CREATE_BO failed", $"{pages} pages in fd slot {fd}: {Errno.Name(r)}");
            var map = Pan.MmapBo(Sys, _fds[fd], created!.Handle, size);
            if (map == 0)
                throw Fail("mmap of a new BO failed", $"BO slot {bo}");
            var model = new PanfrostStressBo(size, fd, map);
            model.Handles[fd] = created.Handle;
            _bos[bo] = model;
            var first = FirstMismatch(model);
            if (first is { } m)
                throw Fail("new BO not zeroed", $"BO slot {bo} ({pages} pages) dword {m.Dword} of a new BO: 0x{m.Got:x8}");
        }
        Step();
    }

    /// <summary>A CPU store through the BO's map.</summary>
    public void CpuWrite(int bo, int dword, uint value)
    {
        if (_bos[bo] is { Map: not 0, MaybePurged: false } b)
        {
            dword %= b.Dwords;
            if (Sys.Write(b.Map + (ulong)dword * 4, BitConverter.GetBytes(value)) != FaultResult.Ok)
                throw Fail("CPU store to a live BO faulted", $"BO slot {bo} dword {dword}");
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>A WRITE_VALUE job in file <paramref name="fd"/> storing <paramref name="value"/> through the BO's VA there; waits for it.</summary>
    public void GpuWrite(int bo, int fd, int dword, uint value)
    {
        if (_bos[bo] is { } b && b.Handles.TryGetValue(fd, out var handle) && !b.Dontneed && !b.MaybePurged)
        {
            dword %= b.Dwords;
            EndSpinsHolding(b);
            var f = _fds[fd];
            var desc = Pan.GemNewMapped(Sys, f, 4096);
            var chain = new PanfrostJobChain(desc);
            chain.WriteValue(Pan.GetBoOffset(Sys, f, handle) + (ulong)dword * 4, PanfrostJobDesc.WriteImm32, value);
            chain.Commit(Sys);
            var job = PanfrostSubmission.Create(Sys, f, desc, chain.Head, [desc.Handle, handle], FreeJobSlot());
            var r = job.TrySubmit(Sys, f);
            if (r != 0)
                throw Fail("PANFROST_SUBMIT failed", $"write to BO slot {bo} from fd slot {fd}: {Errno.Name(r)}");
            if (!job.Wait(Sys, f, JobTimeoutNs))
                throw Fail("job did not complete", $"write to BO slot {bo} from fd slot {fd}");
            job.Free(Sys, f);
            Syncobj.Destroy(Sys, f, job.OutSync);
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>
    /// A spinner in file <paramref name="fd"/> that keeps the BO busy; when it ends, its chain writes
    /// <paramref name="value"/> into the BO through that file's VA.
    /// </summary>
    public void SpinWrite(int spin, int bo, int fd, int dword, uint value)
    {
        if (_spins[spin] is null && _bos[bo] is { } b && b.Handles.TryGetValue(fd, out var handle) && !b.Dontneed && !b.MaybePurged)
        {
            dword %= b.Dwords;
            EndSpinsHolding(b);
            var f = _fds[fd];
            var desc = Pan.GemNewMapped(Sys, f, 4096);
            var chain = new PanfrostJobChain(desc);
            chain.WriteValue(Pan.GetBoOffset(Sys, f, handle) + (ulong)dword * 4, PanfrostJobDesc.WriteImm32, value);
            chain.Commit(Sys);
            // Spinner 0 occupies job slot 1, spinner 1 job slot 0: jobs on one slot run in order.
            var s = PanfrostSpin.Submit(Sys, f, [desc.Handle, handle], then: chain.Head, requirements: SpinRequirements(spin));
            _spins[spin] = new PanfrostStressSpin(fd, s, desc, [(b, dword, value)]);
            b.Busy++;
        }
        Step();
    }

    /// <summary>Ends the spinner and waits: its chain's values must land.</summary>
    public void SpinEnd(int spin)
    {
        if (_spins[spin] is { } s)
        {
            _spins[spin] = null;
            EndSpin(s);
        }
        Step();
    }

    /// <summary>GEM_CLOSE of the BO's handle in file <paramref name="fd"/> (the CPU map, and jobs using it, keep it alive).</summary>
    public void CloseHandle(int bo, int fd)
    {
        if (_bos[bo] is { } b && b.Handles.Remove(fd, out var handle))
        {
            var r = Gem.TryClose(Sys, _fds[fd], handle);
            if (r != 0)
                throw Fail("GEM_CLOSE failed", $"BO slot {bo} fd slot {fd}: {Errno.Name(r)}");
            if (b.Dead)
                _bos[bo] = null;
        }
        Step();
    }

    /// <summary>munmap of the BO's CPU map.</summary>
    public void Unmap(int bo)
    {
        if (_bos[bo] is { Map: not 0 } b)
        {
            Sys.Munmap(b.Map, b.Size);
            b.Map = 0;
            if (b.Dead)
                _bos[bo] = null;
        }
        Step();
    }

    /// <summary>GEM_FLINK in one primary file, GEM_OPEN in the other.</summary>
    public void Flink(int bo, int from, int to)
    {
        from %= 2;
        to %= 2;
        if (from != to && _bos[bo] is { MaybePurged: false } b && b.Handles.TryGetValue(from, out var handle) && !b.Handles.ContainsKey(to))
        {
            var r = Gem.TryFlink(Sys, _fds[from], handle, out var name);
            if (r != 0)
                throw Fail("GEM_FLINK failed", $"BO slot {bo} fd slot {from}: {Errno.Name(r)}");
            r = Gem.TryOpen(Sys, _fds[to], name, out var h2, out _);
            if (r != 0)
                throw Fail("GEM_OPEN failed", $"BO slot {bo} into fd slot {to}: {Errno.Name(r)}");
            Share(b, to, h2);
        }
        Step();
    }

    /// <summary>PRIME export from one file and import into another (the dma-buf fd is closed after).</summary>
    public void Prime(int bo, int from, int to)
    {
        if (from != to && _bos[bo] is { MaybePurged: false } b && b.Handles.TryGetValue(from, out var handle) && !b.Handles.ContainsKey(to))
        {
            var r = Gem.TryPrimeHandleToFd(Sys, _fds[from], handle, 0, out var dmabuf);
            if (r != 0)
                throw Fail("PRIME_HANDLE_TO_FD failed", $"BO slot {bo} fd slot {from}: {Errno.Name(r)}");
            r = Gem.TryPrimeFdToHandle(Sys, _fds[to], dmabuf, out var h2);
            Sys.Close(dmabuf);
            if (r != 0)
                throw Fail("PRIME_FD_TO_HANDLE failed", $"BO slot {bo} into fd slot {to}: {Errno.Name(r)}");
            Share(b, to, h2);
        }
        Step();
    }

    /// <summary>
    /// A forked child opens the BO by its flink name in its own file and stores <paramref name="value"/> with a
    /// WRITE_VALUE job through its own VA, then exits.
    /// </summary>
    public void ForkGpuWrite(int bo, int dword, uint value)
    {
        if (_bos[bo] is { } b && !b.Dontneed && !b.MaybePurged && b.Handles.Keys.FirstOrDefault(k => k < 2, -1) is var src && src >= 0)
        {
            dword %= b.Dwords;
            EndSpinsHolding(b);
            var name = Gem.Flink(Sys, _fds[src], b.Handles[src]);
            var requirements = FreeJobSlot();
            string? error = null;
            var child = Sys.Fork(c =>
            {
                var f = Pan.Open(c);
                var h = Gem.Open(c, f, name);
                var desc = Pan.GemNewMapped(c, f, 4096);
                var chain = new PanfrostJobChain(desc);
                chain.WriteValue(Pan.GetBoOffset(c, f, h) + (ulong)dword * 4, PanfrostJobDesc.WriteImm32, value);
                chain.Commit(c);
                var job = PanfrostSubmission.Create(c, f, desc, chain.Head, [desc.Handle, h], requirements);
                var r = job.TrySubmit(c, f);
                if (r != 0)
                    error = $"submit: {Errno.Name(r)}";
                else if (!job.Wait(c, f, JobTimeoutNs))
                    error = "the child's job did not complete";
            });
            var status = child.Wait(10_000);
            if (error is not null || status != 0)
                throw Fail("forked GPU write failed", $"BO slot {bo}: {error ?? child.Failure?.Message ?? $"exit {status}"}");
            b.EverShared = true;
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>
    /// MADVISE in file <paramref name="fd"/>. DONTNEED must be refused (EINVAL) while another file has the BO open;
    /// a DONTNEED BO is left alone by this workload's jobs and CPU until WILLNEED.
    /// </summary>
    public void Madvise(int bo, int fd, int dontneed)
    {
        if (_bos[bo] is { MaybePurged: false } b && b.Handles.TryGetValue(fd, out var handle))
        {
            var madv = dontneed != 0 ? PanfrostIoctls.MadvDontneed : PanfrostIoctls.MadvWillneed;
            var r = Pan.TryMadvise(Sys, _fds[fd], handle, madv, out var retained);
            var shared = b.Handles.Count > 1;
            if (dontneed != 0 && shared && r != -Errno.EINVAL)
                throw Fail("PANFROST_MADVISE(DONTNEED) of a shared BO not refused", $"BO slot {bo} open in fd slots " +
                    $"{string.Join(",", b.Handles.Keys)}: returned {Errno.Name(r)}, expected EINVAL");
            var ok = r == 0 || (r == -Errno.EINVAL && dontneed != 0 && (b.EverShared || b.Busy > 0));
            if (!ok)
                throw Fail("PANFROST_MADVISE failed", $"BO slot {bo} fd slot {fd} madv {madv}: {Errno.Name(r)}");
            if (r == 0)
            {
                if (retained == 0)
                    throw Fail("PANFROST_MADVISE: a BO not purged reported purged", $"BO slot {bo}");
                b.Dontneed = dontneed != 0;
            }
        }
        Step();
    }

    /// <summary>drop_caches twice: idle DONTNEED BOs may go; busy ones and WILLNEED ones must not.</summary>
    public void Thrash()
    {
        Igt.Os.Thrash.PurgeVmCaches(Sys);
        Igt.Os.Thrash.PurgeVmCaches(Sys);
        foreach (var b in _bos)
            if (b is { Dontneed: true, Busy: 0 })
                b.MaybePurged = true;
        Step();
    }

    protected override void VerifyContents()
    {
        for (var i = 0; i < BoSlots; i++)
        {
            if (_bos[i] is not { Map: not 0, MaybePurged: false } b)
                continue;
            if (FirstMismatch(b) is { } m)
                throw Fail("BO contents mismatch", $"BO slot {i} dword {m.Dword}: 0x{m.Got:x8}, expected 0x{b.Expected[m.Dword]:x8}");
        }
    }

    protected override void Teardown()
    {
        for (var i = 0; i < SpinSlots; i++)
        {
            if (_spins[i] is { } s)
            {
                _spins[i] = null;
                EndSpin(s);
            }
        }
        for (var i = 0; i < BoSlots; i++)
        {
            if (_bos[i] is not { } b)
                continue;
            _bos[i] = null;
            foreach (var (fd, h) in b.Handles)
                Gem.TryClose(Sys, _fds[fd], h);
            if (b.Map != 0)
                Sys.Munmap(b.Map, b.Size);
        }
        foreach (var fd in _fds)
            Sys.Close(fd);
    }

    private void EndSpin(PanfrostStressSpin s)
    {
        var f = _fds[s.Fd];
        s.Spin.End(Sys);
        var done = s.Spin.Wait(Sys, f, JobTimeoutNs);
        foreach (var (b, _, _) in s.Writes)
            b.Busy--;
        if (!done)
            throw Fail("job did not complete", "a spinner's job did not finish after it was ended");
        foreach (var (b, dword, value) in s.Writes)
            b.Expected[dword] = value;
        s.Spin.Free(Sys, f);
        Pan.FreeBo(Sys, f, s.Desc);
    }

    /// <summary>
    /// Ends the spinners whose jobs use <paramref name="b"/>: a new job on it waits for their fences (implicit sync),
    /// and a spinner only ends when told.
    /// </summary>
    private void EndSpinsHolding(PanfrostStressBo b)
    {
        for (var i = 0; i < SpinSlots; i++)
        {
            if (_spins[i] is { } s && s.Writes.Any(w => ReferenceEquals(w.Bo, b)))
            {
                _spins[i] = null;
                EndSpin(s);
            }
        }
    }

    private static uint SpinRequirements(int spin) => spin == 0 ? 0 : PanfrostIoctls.JdReqFs;

    /// <summary>
    /// Requirements that put a job on a slot no spinner holds (a job queued behind a spinner would wait for the
    /// scheduler timeout); with both slots spinning, spinner 1 is ended first.
    /// </summary>
    private uint FreeJobSlot()
    {
        if (_spins[1] is null)
            return SpinRequirements(1);
        if (_spins[0] is null)
            return SpinRequirements(0);
        var s = _spins[1]!;
        _spins[1] = null;
        EndSpin(s);
        return SpinRequirements(1);
    }

    private void Share(PanfrostStressBo b, int to, uint handle)
    {
        b.Handles[to] = handle;
        b.EverShared = true;
    }

    private (int Dword, uint Got)? FirstMismatch(PanfrostStressBo b)
    {
        var buf = new byte[b.Size];
        if (Sys.Read(b.Map, buf) is var r && r != FaultResult.Ok)
            throw Fail("CPU load from a live BO faulted", $"{r}");
        for (var d = 0; d < b.Dwords; d++)
        {
            var got = BitConverter.ToUInt32(buf, d * 4);
            if (got != b.Expected[d])
                return (d, got);
        }
        return null;
    }
}
