using Igt.Drivers.Etnaviv.Hw;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Etnaviv;
using Igt.Kernel;
using Igt.Kernel.Fault;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Stress.Workloads;
using Submit = Igt.Etnaviv.EtnavivSubmit;

namespace Igt.Stress.Etnaviv;

/// <summary>
/// The etnaviv stress session (GC2000, MMUv1, the validated generation): BOs written by the CPU and by resolve-engine
/// fills, lazily populated on first touch, streams changed right after submit, relocations past the BO, memory
/// thrash, and a final unbind with everything open.
/// </summary>
public sealed class EtnavivStressSession : StressSession
{
    public const int BoSlots = 8;

    /// <summary>What BadReloc provokes on purpose: the submit path's DRM_ERROR and validator lines.</summary>
    public const string SubmitErrorsRegex = @"\[drm:\w+ \[etnaviv\]\] \*ERROR\*|etnaviv-gpu [0-9a-f]+\.gpu: etnaviv_(cmd_validate_one|validate_load_state)";
    private const ulong Page = 4096;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(5);
    private readonly int _fd;
    private readonly EtnavivStressBo?[] _bos = new EtnavivStressBo?[BoSlots];
    private bool _unbound;

    public EtnavivStressSession(Machine machine) : base(machine, "etnaviv")
    {
        var warm = IgtEtnaviv.Open(Sys);
        var h = EtnavivBo.New(Sys, warm, Page);
        EtnavivFence.Wait(Sys, warm, Submit.Submit(Sys, warm, new EtnavivCmdStream().StoreDword(0, 0, 1), new EtnavivSubmitBo(h)), JobTimeout);
        Gem.Close(Sys, warm, h);
        Sys.Close(warm);
        Begin();
        _fd = IgtEtnaviv.Open(Sys);
        ExpectDmesg(SubmitErrorsRegex);
    }

    protected override string GpuFaultRegex => @"etnaviv-gpu \S+: (MMU fault|recover hung GPU)";

    /// <summary>GEM_NEW (write-combined) of <paramref name="pages"/> pages and an mmap; nothing is allocated yet.</summary>
    public void CreateBo(int bo, int pages)
    {
        if (!_unbound && _bos[bo] is null)
        {
            var size = (ulong)pages * Page;
            var r = EtnavivBo.TryNew(Sys, _fd, size, EtnavivIoctls.BoWc, out var handle);
            if (r != 0)
                throw Fail("ETNAVIV_GEM_NEW failed", Errno.Name(r));
            var map = EtnavivBo.TryMmap(Sys, _fd, handle, size);
            if (map < 0)
                throw Fail("mmap of a new BO failed", Errno.Name((int)map));
            _bos[bo] = new EtnavivStressBo(handle, size, (ulong)map);
        }
        Step();
    }

    /// <summary>
    /// A CPU store. The first touch of a page of a BO the GPU never mapped must populate that page only (Shmem grows
    /// by one page at most).
    /// </summary>
    public void CpuWrite(int bo, int dword, uint value)
    {
        if (!_unbound && _bos[bo] is { } b)
        {
            dword %= b.Dwords;
            var page = dword * 4 / (int)Page;
            var firstTouch = b.Resident is { } res && !res.Contains(page);
            var before = firstTouch ? Igt.Os.Thrash.MeminfoField(Sys, "Shmem") : 0;
            if (Sys.Write(b.Map + (ulong)dword * 4, BitConverter.GetBytes(value)) != FaultResult.Ok)
                throw Fail("CPU store to a live BO faulted", $"slot {bo} dword {dword}");
            if (firstTouch)
            {
                var grew = Igt.Os.Thrash.MeminfoField(Sys, "Shmem") - before;
                if (grew > (long)Page)
                    throw Fail("first CPU touch of a BO page populated more than that page",
                        $"slot {bo} ({b.Size / Page} pages): Shmem grew by {grew / (long)Page} pages");
                b.Resident!.Add(page);
            }
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>A resolve-engine fill of one dword (GEM_SUBMIT with a relocation), waited for.</summary>
    public void GpuStore(int bo, int dword, uint value)
    {
        if (!_unbound && _bos[bo] is { } b)
        {
            dword %= b.Dwords;
            RunJob(bo, new EtnavivCmdStream().StoreDword(0, (ulong)dword * 4, value), b, 0);
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>
    /// Submits a fill from a stream in user memory and overwrites the stored value in that memory right after the
    /// ioctl returns, while the front end is held: the GPU must run what was validated.
    /// </summary>
    public void SubmitThenChange(int bo, int dword, uint value)
    {
        if (!_unbound && _bos[bo] is { } b)
        {
            dword %= b.Dwords;
            var cs = new EtnavivCmdStream().StoreDword(0, (ulong)dword * 4, value);
            var valueIndex = IndexOfFillValue(cs);
            using var stream = UserBuffer.Alloc(Sys, Page);
            stream.WriteBytes(0, cs.ToBytes());
            using var gate = new ManualResetEventSlim();
            var site = IgtEtnaviv.FrontEndFaultSite;
            Machine.Faults.Delay(site, TimeSpan.Zero, () =>
            {
                gate.Wait(TimeSpan.FromSeconds(2));
                return false;
            });
            try
            {
                var r = Submit.TrySubmit(Sys, _fd, cs, [new EtnavivSubmitBo(b.Handle)], out var res, streamAddress: stream.Addr);
                if (r != 0)
                    throw Fail("ETNAVIV_GEM_SUBMIT failed", Errno.Name(r));
                stream.WriteBytes((ulong)valueIndex * 4, BitConverter.GetBytes(~value));
                gate.Set();
                WaitFence(res.Fence);
            }
            finally
            {
                gate.Set();
                Machine.Faults.Clear(site);
            }
            b.Resident = null;
            var got = EtnavivBo.ReadU32(Sys, b.Map + (ulong)dword * 4);
            if (got != value)
                throw Fail("GPU executed a command stream changed after submit", $"slot {bo} dword {dword}: 0x{got:x8}, the submitted stream stored 0x{value:x8}");
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>
    /// Two clients (the 2015 thread's "stall graphics on the entire GPU while some process' page happens to be
    /// swapped out"): a forked client submits a fill from a stream that reclaim swapped out, and its page fault inside
    /// GEM_SUBMIT is parked; this client's GpuStore meanwhile must complete. The park ends when our submit returns, or
    /// after <see cref="FaultPark"/> as a backstop: a submit that only returned because the backstop fired waited for
    /// the other client's fault.
    /// </summary>
    public void SubmitWhileOtherFaults(int bo, int dword, uint value)
    {
        if (!_unbound && _bos[bo] is { } b)
        {
            dword %= b.Dwords;
            using var ready = new ManualResetEventSlim();
            using var touch = new ManualResetEventSlim();
            using var touched = new ManualResetEventSlim();
            using var go = new ManualResetEventSlim();
            using var faulting = new ManualResetEventSlim();
            using var park = new ManualResetEventSlim();
            string? childError = null;
            var other = ~value;
            var child = Sys.Fork(c =>
            {
                var fd = IgtEtnaviv.Open(c);
                var h = EtnavivBo.New(c, fd, Page);
                var cs = new EtnavivCmdStream().StoreDword(0, 0, other);
                using var submit = new EtnavivStagedSubmit(c, fd, cs, h);
                ready.Set();
                touch.Wait();
                // After reclaim everything the submit reads is touched again except the stream: its fault is the one parked.
                submit.TouchAllButStream();
                touched.Set();
                go.Wait();
                var r = submit.Submit();
                if (r != 0)
                {
                    childError = $"the other client's GEM_SUBMIT: {Errno.Name(r)}";
                    return;
                }
                if (EtnavivFence.TryWait(c, fd, submit.Fence, IgtEtnaviv.Deadline(JobTimeout)) != 0)
                    childError = "the other client's job did not complete";
                else if (EtnavivBo.ReadU32(c, EtnavivBo.Mmap(c, fd, h, Page)) != other)
                    childError = "the other client's fill did not land";
            });
            var site = FaultSites.PageFault;
            var parkedByBackstop = false;
            try
            {
                if (!ready.Wait(JobTimeout))
                    throw Fail("the other client did not start", childError ?? "");
                Igt.Os.Thrash.PurgeVmCaches(Sys);
                touch.Set();
                if (!touched.Wait(JobTimeout))
                    throw Fail("the other client did not start", childError ?? "");
                var armed = 1;
                Machine.Faults.Delay(site, TimeSpan.Zero, () =>
                {
                    if (TaskStruct.Current?.Pid != child.Pid || Interlocked.Exchange(ref armed, 0) == 0)
                        return false;
                    faulting.Set();
                    if (!park.Wait(FaultPark))
                        parkedByBackstop = true;
                    return false;
                });
                go.Set();
                if (!faulting.Wait(JobTimeout))
                    throw Fail("the other client's GEM_SUBMIT did not fault on its stream", childError ?? "");
                RunJob(bo, new EtnavivCmdStream().StoreDword(0, (ulong)dword * 4, value), b, 0);
                park.Set();
            }
            finally
            {
                park.Set();
                go.Set();
                touch.Set();
                var status = child.Wait(30_000);
                Machine.Faults.Clear(site);
                if (status != 0 && childError is null)
                    childError = child.Failure?.Message ?? $"exit {status}";
            }
            if (parkedByBackstop)
                throw Fail("GEM_SUBMIT waited for another client's page fault",
                    $"slot {bo}: our submit returned only after the other client's fault was released ({FaultPark.TotalMilliseconds:F0} ms backstop)");
            if (childError is not null)
                throw Fail("the other client's submit failed", childError);
            b.Expected[dword] = value;
        }
        Step();
    }

    /// <summary>How long the other client's page fault is parked at most.</summary>
    private static readonly TimeSpan FaultPark = TimeSpan.FromSeconds(2);

    /// <summary>A fill whose relocation points <paramref name="past"/> dwords past the end of the BO: must be EINVAL.</summary>
    public void BadReloc(int bo, int past)
    {
        if (!_unbound && _bos[bo] is { } b)
        {
            var offset = b.Size + (ulong)(past % 4) * 4;
            var r = Submit.TrySubmit(Sys, _fd, new EtnavivCmdStream().StoreDword(0, offset, 0xbad0bad0), [new EtnavivSubmitBo(b.Handle)], out var res);
            if (r == 0)
            {
                WaitFence(res.Fence);
                throw Fail("GEM_SUBMIT with a relocation past the BO not refused", $"slot {bo}: offset {offset} of a {b.Size}-byte BO accepted");
            }
            if (r != -Errno.EINVAL)
                throw Fail("GEM_SUBMIT with a relocation past the BO failed with the wrong errno", $"{Errno.Name(r)}, expected EINVAL");
        }
        Step();
    }

    public void CloseHandle(int bo)
    {
        if (!_unbound && _bos[bo] is { } b)
        {
            _bos[bo] = null;
            if (Gem.TryClose(Sys, _fd, b.Handle) is var r && r != 0)
                throw Fail("GEM_CLOSE failed", Errno.Name(r));
            Sys.Munmap(b.Map, b.Size);
        }
        Step();
    }

    /// <summary>drop_caches: BO contents must survive reclaim.</summary>
    public void Thrash()
    {
        if (!_unbound)
            Igt.Os.Thrash.PurgeVmCaches(Sys);
        Step();
    }

    /// <summary>Unbinds the driver with every file, BO and mapping still open (the 2015 oops on unload); the session ends here.</summary>
    public void Unbind()
    {
        if (!_unbound)
        {
            _unbound = true;
            Ended = true;
            var r = Sys.WriteTextFile("/sys/class/drm/card0/device/driver/unbind", "etnaviv");
            if (r != 0)
                throw Fail("unbind failed", Errno.Name(r));
            if (EtnavivParam.TryGet(Sys, _fd, EtnavivParams.GpuModel, out _) != -Errno.ENODEV)
                throw Fail("ioctl after unbind did not fail with ENODEV", "GET_PARAM");
        }
        Step();
    }

    protected override void VerifyContents()
    {
        if (_unbound)
            return;
        for (var i = 0; i < BoSlots; i++)
        {
            if (_bos[i] is not { } b)
                continue;
            // Pages never touched are not read: that would populate them (the lazy allocation checked by CpuWrite).
            var buf = new byte[Page];
            for (var p = 0; p < (int)(b.Size / Page); p++)
            {
                if (b.Resident is { } res && !res.Contains(p))
                    continue;
                if (Sys.Read(b.Map + (ulong)p * Page, buf) != FaultResult.Ok)
                    throw Fail("CPU load from a live BO faulted", $"slot {i} page {p}");
                for (var d = 0; d < (int)Page / 4; d++)
                {
                    var got = BitConverter.ToUInt32(buf, d * 4);
                    var at = p * (int)Page / 4 + d;
                    if (got != b.Expected[at])
                        throw Fail("BO contents mismatch", $"slot {i} dword {at}: 0x{got:x8}, expected 0x{b.Expected[at]:x8}");
                }
            }
        }
    }

    protected override void Teardown()
    {
        for (var i = 0; i < BoSlots; i++)
        {
            if (_bos[i] is not { } b)
                continue;
            _bos[i] = null;
            Gem.TryClose(Sys, _fd, b.Handle);
            Sys.Munmap(b.Map, b.Size);
        }
        Sys.Close(_fd);
    }

    private void RunJob(int slot, EtnavivCmdStream cs, EtnavivStressBo b, int _)
    {
        var r = Submit.TrySubmit(Sys, _fd, cs, [new EtnavivSubmitBo(b.Handle)], out var res);
        if (r != 0)
            throw Fail("ETNAVIV_GEM_SUBMIT failed", $"slot {slot}: {Errno.Name(r)}");
        WaitFence(res.Fence);
        b.Resident = null;
    }

    private void WaitFence(uint fence)
    {
        var r = EtnavivFence.TryWait(Sys, _fd, fence, IgtEtnaviv.Deadline(JobTimeout));
        if (r != 0)
            throw Fail("job did not complete", $"WAIT_FENCE {fence}: {Errno.Name(r)}");
    }

    private static int IndexOfFillValue(EtnavivCmdStream cs)
    {
        var header = EtnavivCmdstream.LoadState(EtnavivStates.RsFillValue0, 1);
        for (var i = 0; i < cs.Dwords; i += 2)
            if (cs[i] == header)
                return i + 1;
        throw new InvalidOperationException("no RS fill value in the stream");
    }
}
