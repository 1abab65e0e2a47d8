using Igt.Drivers.Panfrost;
using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_uapi: the argument checks of every panfrost ioctl (panfrost_drv.c), the GET_PARAM set, and where
/// CREATE_BO places BOs in the GPU address space.
/// </summary>
public sealed class PanfrostUapi(ITestOutputHelper output) : PanfrostTest(output)
{
    [Subtest("all-params")]
    public void AllParams()
    {
        for (uint p = 0; p <= (uint)PanfrostParam.SystemTimestampFrequency; p++)
            TryGetParam(Sys, Fd, p, out _).Should().Be(0, $"param {(PanfrostParam)p} is known to uAPI 1.3");
        TryGetParam(Sys, Fd, (uint)PanfrostParam.SystemTimestampFrequency + 1, out _).Should().Be(-Errno.EINVAL, "the next id is not");
        GetParam(Sys, Fd, PanfrostParam.AsPresent).Should().NotBe(0);
        (GetParam(Sys, Fd, PanfrostParam.JsPresent) & 3).Should().Be(3, "job slots 0 and 1 exist");
        var t1 = GetParam(Sys, Fd, PanfrostParam.SystemTimestamp);
        var t2 = GetParam(Sys, Fd, PanfrostParam.SystemTimestamp);
        t2.Should().BeGreaterThanOrEqualTo(t1, "the timestamp is monotonic");
    }

    [Subtest("create-bo-bad-args")]
    public void CreateBoBadArgs()
    {
        CreateErr(new DrmPanfrostCreateBo { Size = 4096, Pad = 1 }, "pad must be zero");
        CreateErr(new DrmPanfrostCreateBo { Size = 4096, Flags = 4 }, "unknown flag");
        CreateErr(new DrmPanfrostCreateBo { Size = 4096, Flags = PanfrostIoctls.BoHeap }, "a heap must be NOEXEC");
        CreateErr(new DrmPanfrostCreateBo { Size = 0, Flags = PanfrostIoctls.BoNoexec }, "size 0");
    }

    [Subtest("mmap-bo-bad-args")]
    public void MmapBoBadArgs()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var a = new DrmPanfrostMmapBo { Handle = bo.Handle, Flags = 1 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.MmapBo, ref a, Errno.EINVAL);
        a = new DrmPanfrostMmapBo { Handle = 0xbad };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.MmapBo, ref a, Errno.ENOENT);
        var heap = GemNew(Sys, Fd, 4096, PanfrostIoctls.BoNoexec | PanfrostIoctls.BoHeap);
        a = new DrmPanfrostMmapBo { Handle = heap.Handle };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.MmapBo, ref a, Errno.EINVAL);
    }

    [Subtest("get-bo-offset-bad-args")]
    public void GetBoOffsetBadArgs()
    {
        var a = new DrmPanfrostGetBoOffset { Handle = 0xbad };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.GetBoOffset, ref a, Errno.ENOENT);
        // The kernel never looked at pad here: a non-zero pad is accepted.
        var bo = GemNew(Sys, Fd, 4096);
        a = new DrmPanfrostGetBoOffset { Handle = bo.Handle, Pad = 1 };
        DrmIoctlHelper.DoIoctl(Sys, Fd, PanfrostIoctls.GetBoOffset, ref a);
        a.Offset.Should().Be(bo.Offset);
    }

    [Subtest("madvise-bad-args")]
    public void MadviseBadArgs()
    {
        TryMadvise(Sys, Fd, 0xbad, PanfrostIoctls.MadvDontneed, out _).Should().Be(-Errno.ENOENT);
        // madv is not validated: any value is stored and only 0/1 move the BO on or off the shrinker list.
        var bo = GemNew(Sys, Fd, 4096);
        TryMadvise(Sys, Fd, bo.Handle, 7, out var retained).Should().Be(0);
        retained.Should().Be(1u);
    }

    [Subtest("submit-bad-args")]
    public void SubmitBadArgs()
    {
        var job = PanfrostSubmission.NullJob(Sys, Fd);
        using (var bad = Os.UserBuffer.From<uint>(Sys, [0xbad]))
        {
            job.Args.BoHandles = bad.Addr;
            DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref job.Args, Errno.ENOENT);
            job.Args.BoHandles = 0;
            job.Args.BoHandleCount = 0;
            job.Args.InSyncs = bad.Addr;
            job.Args.InSyncCount = 1;
            DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref job.Args, Errno.ENOENT);
        }
        var empty = Syncobj.Create(Sys, Fd);
        using (var noFence = Os.UserBuffer.From<uint>(Sys, [empty]))
        {
            job.Args.InSyncs = noFence.Addr;
            DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref job.Args, Errno.EINVAL);
        }
    }

    [Subtest("perfcnt-unstable-ioctls")]
    public void PerfcntUnstableIoctls()
    {
        var en = new DrmPanfrostPerfcntEnable { Enable = 1 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.PerfcntEnable, ref en, Errno.ENOSYS);
        var dump = new DrmPanfrostPerfcntDump();
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.PerfcntDump, ref dump, Errno.ENOSYS);
    }

    /// <summary>With panfrost.unstable_ioctls=1: one user at a time, counter sets 0-1 on Bifrost, dump by the owner only.</summary>
    [Subtest("perfcnt-enabled")]
    public void PerfcntEnabled()
    {
        Boot(cfg =>
        {
            cfg.Devices.Clear();
            cfg.WithDevice(new PanfrostSpec { UnstableIoctls = true });
        });
        var fd2 = Open(Sys);
        var en = new DrmPanfrostPerfcntEnable { Enable = 1, Counterset = 2 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.PerfcntEnable, ref en, Errno.EINVAL);
        en.Counterset = 1;
        DrmIoctlHelper.DoIoctl(Sys, Fd, PanfrostIoctls.PerfcntEnable, ref en);
        DrmIoctlHelper.DoIoctlErr(Sys, fd2, PanfrostIoctls.PerfcntEnable, ref en, Errno.EBUSY);
        using var buf = Os.UserBuffer.Alloc(Sys, 4096);
        var dump = new DrmPanfrostPerfcntDump { BufPtr = buf.Addr };
        DrmIoctlHelper.DoIoctlErr(Sys, fd2, PanfrostIoctls.PerfcntDump, ref dump, Errno.EINVAL);
        DrmIoctlHelper.DoIoctl(Sys, Fd, PanfrostIoctls.PerfcntDump, ref dump);
        var off = new DrmPanfrostPerfcntEnable { Enable = 0 };
        DrmIoctlHelper.DoIoctlErr(Sys, fd2, PanfrostIoctls.PerfcntEnable, ref off, Errno.EINVAL);
        DrmIoctlHelper.DoIoctl(Sys, Fd, PanfrostIoctls.PerfcntEnable, ref off);
    }

    /// <summary>JD_REQ_CYCLE_COUNT (2) arrived with uAPI 1.3: older kernels refuse it like any unknown bit.</summary>
    [Subtest("submit-requirements-by-version")]
    public void SubmitRequirementsByVersion()
    {
        var older = BootMachine(cfg => cfg.KernelVersion = new KernelVersion(5, 15), salt: "5.15");
        var oldSys = new Os.EmulatedSyscalls(older.Spawn("panfrost_uapi"));
        var oldFd = Open(oldSys);
        var job = PanfrostSubmission.NullJob(oldSys, oldFd);
        job.Args.Requirements = PanfrostIoctls.JdReqCycleCount;
        DrmIoctlHelper.DoIoctlErr(oldSys, oldFd, PanfrostIoctls.Submit, ref job.Args, Errno.EINVAL);

        job = PanfrostSubmission.NullJob(Sys, Fd);
        job.Args.Requirements = PanfrostIoctls.JdReqCycleCount;
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd, what: "a CYCLE_COUNT job on uAPI 1.3");
    }

    [Subtest("unknown-ioctl")]
    public void UnknownIoctl()
    {
        // 0x49 (SET_LABEL_BO) came with uAPI 1.4; this kernel's table ends at MADVISE.
        var a = new DrmPanfrostGetBoOffset();
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, Ioc.DrmIOWR<DrmPanfrostGetBoOffset>(0x49), ref a, Errno.EINVAL);
    }

    /// <summary>VAs lie in [32 MiB, 4 GiB - 32 MiB); executable BOs are aligned to their size, big NOEXEC ones to 2 MiB.</summary>
    [Subtest("va-layout")]
    public void VaLayout()
    {
        var bos = new[]
        {
            GemNew(Sys, Fd, 4096),
            GemNew(Sys, Fd, 12288),
            GemNew(Sys, Fd, 64 << 10),
            GemNew(Sys, Fd, 3 << 20, PanfrostIoctls.BoNoexec),
            GemNew(Sys, Fd, 8192, PanfrostIoctls.BoNoexec),
            GemNew(Sys, Fd, 1 << 20, PanfrostIoctls.BoNoexec | PanfrostIoctls.BoHeap),
        };
        foreach (var bo in bos)
        {
            bo.Offset.Should().BeGreaterThanOrEqualTo(32UL << 20, bo.ToString());
            (bo.Offset + bo.Size).Should().BeLessThanOrEqualTo((4UL << 30) - (32UL << 20), bo.ToString());
        }
        (bos[1].Offset / 4096 % 3).Should().Be(0, "a 3-page executable BO is aligned to 3 pages");
        (bos[2].Offset % (64 << 10)).Should().Be(0, "a 64 KiB executable BO is 64 KiB aligned");
        (bos[3].Offset % (2 << 20)).Should().Be(0, "NOEXEC BOs of 2 MiB or more are 2 MiB aligned");
        (bos[5].Offset % (2 << 20)).Should().Be(0, "heaps are rounded to 2 MiB and aligned like them");
        var ranges = bos.Select(b => (b.Offset, End: b.Offset + (b == bos[5] ? 2UL << 20 : Pfa(b.Size)))).OrderBy(r => r.Offset).ToList();
        for (var i = 1; i < ranges.Count; i++)
            ranges[i].Offset.Should().BeGreaterThanOrEqualTo(ranges[i - 1].End, "VA ranges do not overlap");
    }

    private void CreateErr(DrmPanfrostCreateBo a, string why)
    {
        var r = DrmIoctlHelper.Ioctl(Sys, Fd, PanfrostIoctls.CreateBo, ref a);
        r.Should().Be(-Errno.EINVAL, why);
    }

    private static ulong Pfa(ulong size) => (size + 4095) & ~4095UL;
}
