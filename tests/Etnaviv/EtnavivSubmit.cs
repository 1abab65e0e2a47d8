using Igt.Drivers.Etnaviv;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>etnaviv_submit: command streams that store and copy through relocations, and fences in order.</summary>
public sealed class EtnavivSubmit(ITestOutputHelper output) : EtnavivTest(output)
{
    [Subtest("submit-dword")]
    public void SubmitDword() => StoreDword(EtnavivIommuVersion.V1);

    [Subtest("submit-dword-mmuv2")]
    public void SubmitDwordMmuV2() => StoreDword(EtnavivIommuVersion.V2);

    [Subtest("submit-copy")]
    public void SubmitCopy() => Copy(EtnavivIommuVersion.V1);

    [Subtest("submit-copy-mmuv2")]
    public void SubmitCopyMmuV2() => Copy(EtnavivIommuVersion.V2);

    [Subtest("fences-in-order")]
    public void FencesInOrder()
    {
        const int jobs = 24;
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        StallFrontEnd(TimeSpan.FromMilliseconds(2));
        var fences = new uint[jobs];
        for (var i = 0; i < jobs; i++)
        {
            // Two clients interleaved: the hardware runs jobs in ring order whatever their origin.
            var fd = i % 2 == 0 ? Fd : Sys.Dup(Fd);
            fences[i] = Igt.Etnaviv.EtnavivSubmit.Submit(Sys, fd, new EtnavivCmdStream().StoreDword(0, (ulong)i * 4, (uint)i + 100),
                new EtnavivSubmitBo(bo, EtnavivIoctls.SubmitBoRead));
        }
        for (var i = 1; i < jobs; i++)
            ((int)(fences[i] - fences[i - 1])).Should().BePositive("fence ids increase");
        for (var i = jobs - 1; i >= 0; i--)
        {
            EtnavivFence.Wait(Sys, Fd, fences[i], TimeSpan.FromSeconds(5));
            for (var j = 0; j < i; j++)
                EtnavivFence.IsSignaled(Sys, Fd, fences[j]).Should().BeTrue($"fence {j} signalled no later than fence {i}");
        }
        for (var i = 0; i < jobs; i++)
            EtnavivBo.ReadU32(Sys, map + (ulong)i * 4).Should().Be((uint)i + 100);
    }

    [Subtest("implicit-sync")]
    public void ImplicitSync()
    {
        var a = EtnavivBo.New(Sys, Fd, 4096);
        var b = EtnavivBo.New(Sys, Fd, 4096);
        var c = EtnavivBo.New(Sys, Fd, 4096);
        StallFrontEnd(TimeSpan.FromMilliseconds(300));
        var writer = Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 1), new EtnavivSubmitBo(a, EtnavivIoctls.SubmitBoWrite));
        // A reader of A waits for A's writer; with NO_IMPLICIT a job ignores the BO's fences.
        var reader = Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().CopyBuffer(0, 0, 1, 0, 4),
            new EtnavivSubmitBo(a, EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(b, EtnavivIoctls.SubmitBoWrite));
        Thread.Sleep(50);
        Gpu().Should().Contain("active jobs: 1", "the reader waits for the writer outside the hardware");
        Igt.Etnaviv.EtnavivSubmit.TrySubmit(Sys, Fd, new EtnavivCmdStream().StoreDword(1, 0, 3),
            [new EtnavivSubmitBo(a, EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(c, EtnavivIoctls.SubmitBoWrite)], out var unsynced,
            flags: EtnavivIoctls.SubmitNoImplicit).Should().Be(0);
        SpinWait.SpinUntil(() => Gpu().Contains("active jobs: 2"), 1000).Should().BeTrue("a NO_IMPLICIT job goes to the hardware at once");
        EtnavivFence.Wait(Sys, Fd, reader, TimeSpan.FromSeconds(5));
        EtnavivFence.IsSignaled(Sys, Fd, writer).Should().BeTrue();
        EtnavivFence.Wait(Sys, Fd, unsynced.Fence, TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, EtnavivBo.Mmap(Sys, Fd, b, 4096)).Should().Be(1u, "the reader saw the writer's store");
    }

    private string Gpu() => Sys.ReadTextFile("/sys/kernel/debug/dri/0/gpu") ?? "";

    private void StoreDword(EtnavivIommuVersion mmu)
    {
        BootMmu(mmu);
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        EtnavivBo.WriteU32(Sys, map + 64, 0xdeadbeef);
        var cs = new EtnavivCmdStream().StoreDword(0, 64, 0xc0ffee01);
        var fence = Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, cs, new EtnavivSubmitBo(bo));
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(5));
        EtnavivBo.CpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead, TimeSpan.FromSeconds(1));
        EtnavivBo.ReadU32(Sys, map + 64).Should().Be(0xc0ffee01u, "the GPU stored the dword through the relocation");
        EtnavivBo.ReadU32(Sys, map + 60).Should().Be(0u, "nothing else was written");
        EtnavivBo.ReadU32(Sys, map + 68).Should().Be(0u);
        EtnavivBo.CpuFini(Sys, Fd, bo);
    }

    private void Copy(EtnavivIommuVersion mmu)
    {
        BootMmu(mmu);
        const int size = 64 * 1024;
        var src = EtnavivBo.New(Sys, Fd, size);
        var dst = EtnavivBo.New(Sys, Fd, size);
        var srcMap = EtnavivBo.Mmap(Sys, Fd, src, size);
        var dstMap = EtnavivBo.Mmap(Sys, Fd, dst, size);
        var pattern = new byte[size];
        new Random(1234).NextBytes(pattern);
        Sys.Write(srcMap, pattern).Should().Be(Kernel.Process.FaultResult.Ok);
        var cs = new EtnavivCmdStream().CopyBuffer(0, 0, 1, 0, size);
        var fence = Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, cs, new EtnavivSubmitBo(src, EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(dst, EtnavivIoctls.SubmitBoWrite));
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(5));
        var back = new byte[size];
        Sys.Read(dstMap, back).Should().Be(Kernel.Process.FaultResult.Ok);
        back.Should().Equal(pattern, "the resolve engine copied the buffer");
    }
}
