using System.Diagnostics;
using Igt.Core;
using Igt.Drm;
using Igt.Drivers.I915.Uapi;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel.Process;
using Igt.Prime;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_busy: poll() on a dma-buf reports the implicit fences of the exporting i915's work. A batch writes 1024
/// dwords into a scratch BO and then loops on itself; while it runs the scratch (written) is busy for readers and
/// writers, the batch (only read) busy for writers alone; once it ends both are idle and the scratch holds the
/// values. "before"/"after": the dma-bufs are exported before or after the execbuf; "-wait": block in poll()
/// instead of polling with a zero timeout; "hang": the batch never ends and hangcheck resets it. Upstream's
/// per-engine dynamic subtests are a loop over the physical engines here.
/// </summary>
public sealed class PrimeBusy(ITestOutputHelper output) : PrimeExporterTest(output)
{
    [Flags]
    private enum Mode
    {
        Before = 1,
        After = 2,
        Hang = 4,
        Poll = 8,
    }

    private const int Stores = 1024;
    private const ulong BatchSize = (Stores * 16 + 4 + 4095) / 4096 * 4096 + 4096;

    [Subtest("before")]
    public void Before() => TestMode(Mode.Before);

    [Subtest("before-wait")]
    public void BeforeWait() => TestMode(Mode.Before | Mode.Poll);

    [Subtest("after")]
    public void After() => TestMode(Mode.After);

    [Subtest("after-wait")]
    public void AfterWait() => TestMode(Mode.After | Mode.Poll);

    [Subtest("hang")]
    public void Hang() => TestMode(Mode.Before | Mode.Hang);

    [Subtest("hang-wait")]
    public void HangWait() => TestMode(Mode.Before | Mode.Hang | Mode.Poll);

    private int Fd => Exporter("i915").Fd;

    private void TestMode(Mode mode)
    {
        var engines = IntelEngine.Physical(Sys, Fd);
        if ((mode & Mode.Hang) != 0)
        {
            // igt_allow_hang, with a short heartbeat so the reset comes quickly.
            foreach (var e in engines)
                Sys.WriteTextFile($"/sys/class/drm/card0/engine/{e.Name}/heartbeat_interval_ms", "250").Should().Be(0);
        }
        foreach (var e in engines)
            Busy(e, mode);

        if (!Sys.IsEmulated)
            return;
        var hangs = Machine.Dmesg.ReadAll().Count(r => r.Text.Contains("GPU HANG", StringComparison.Ordinal));
        if ((mode & Mode.Hang) != 0)
            hangs.Should().Be(engines.Count, "each engine's endless batch was reset once");
        else
            hangs.Should().Be(0, "igt_fork_hang_detector: no batch may hang");
    }

    private void Busy(IntelEngine engine, Mode mode)
    {
        var gen = Intel.Gen(Sys, Fd);
        IgtCore.Require(gen >= 8, "the gen8+ MI_BATCH_BUFFER_START loop");
        var scratch = GemCreate.Create(Sys, Fd, 4096);
        var batch = GemCreate.Create(Sys, Fd, BatchSize);
        GemIoctls.Write(Sys, Fd, batch, 0, new[] { IntelGpuCommands.MiBatchBufferEnd, 0u });
        ulong scratchAddr, batchAddr;
        using (var prebind = new GemExecList(Sys))
        {
            prebind.Add(scratch);
            prebind.Add(batch);
            var eb0 = prebind.Args(engine.ExecFlags);
            IgtCore.Require(GemExecbuf.TryExecbuf(Sys, Fd, ref eb0) == 0, $"execbuf on {engine}");
            // Where the kernel bound them: the batch is written with these addresses, as relocations presume.
            (scratchAddr, batchAddr) = (prebind.Object(0).Offset, prebind.Object(1).Offset);
        }

        int scratchFd = -1, batchFd = -1;
        if ((mode & Mode.Before) != 0)
            (scratchFd, batchFd) = (PrimeHelpers.HandleToFd(Sys, Fd, scratch), PrimeHelpers.HandleToFd(Sys, Fd, batch));

        var map = GemMman.MmapWc(Sys, Fd, batch, 0, BatchSize);
        GemIoctls.SetDomain(Sys, Fd, batch, I915GemDomain.Gtt, I915GemDomain.Gtt);
        using var list = new GemExecList(Sys);
        list.Add(scratch);
        var bi = list.Add(batch);
        var cmds = new List<uint>();
        for (var i = 0; i < Stores; i++)
        {
            var addr = IgtStore.EmitStoreDword(cmds, gen, scratchAddr + (ulong)i * 4, (uint)i);
            list.Reloc(bi, (ulong)addr * 4, scratch, (uint)(i * 4), I915GemDomain.Render, I915GemDomain.Render, scratchAddr);
        }
        // The loop: jump back to the start of the batch (a relocation to itself) until the jump becomes BBE.
        var bbe = (ulong)cmds.Count * 4;
        cmds.Add(IntelGpuCommands.MiBatchBufferStartGen8);
        list.Reloc(bi, (ulong)cmds.Count * 4, batch, 0, I915GemDomain.Command, 0, batchAddr);
        cmds.Add((uint)batchAddr);
        cmds.Add((uint)(batchAddr >> 32));
        Sys.Write(map, System.Runtime.InteropServices.MemoryMarshal.AsBytes(cmds.ToArray().AsSpan())).Should().Be(FaultResult.Ok);
        var eb = list.Args(engine.ExecFlags);
        IgtCore.Require(GemExecbuf.TryExecbuf(Sys, Fd, ref eb) == 0, $"looping execbuf on {engine}");

        if ((mode & Mode.After) != 0)
            (scratchFd, batchFd) = (PrimeHelpers.HandleToFd(Sys, Fd, scratch), PrimeHelpers.HandleToFd(Sys, Fd, batch));

        PrimeHelpers.IsBusy(Sys, scratchFd, excl: false).Should().BeTrue($"{engine}: the scratch is being written, a reader must wait");
        PrimeHelpers.IsBusy(Sys, scratchFd, excl: true).Should().BeTrue($"{engine}: the scratch is being written, a writer must wait");
        PrimeHelpers.IsBusy(Sys, batchFd, excl: false).Should().BeFalse($"{engine}: the batch is only read, a reader need not wait");
        PrimeHelpers.IsBusy(Sys, batchFd, excl: true).Should().BeTrue($"{engine}: the batch is read, a writer must wait");

        // Upstream allows 1 s once the loop is ended; 10 s here because the emulated engine is a host thread that
        // two busy shared cores may starve. A hang waits for hangcheck (250 ms heartbeat, upstream allows 120 s).
        var timeout = TimeSpan.FromSeconds(120);
        if ((mode & Mode.Hang) == 0)
        {
            Sys.Write(map + bbe, BitConverter.GetBytes(IntelGpuCommands.MiBatchBufferEnd)).Should().Be(FaultResult.Ok);
            timeout = TimeSpan.FromSeconds(10);
        }

        if ((mode & Mode.Poll) != 0)
        {
            PrimeHelpers.Poll(Sys, batchFd, PollEvents.Out, (int)timeout.TotalMilliseconds)
                .Should().Be((int)PollEvents.Out, $"{engine}: poll(POLLOUT) returns once the batch is done");
        }
        else
        {
            var sw = Stopwatch.StartNew();
            while (PrimeHelpers.IsBusy(Sys, batchFd, excl: true))
            {
                sw.Elapsed.Should().BeLessThan(timeout, $"{engine}: the batch completes");
                Thread.Sleep(1);
            }
        }
        PrimeHelpers.IsBusy(Sys, scratchFd, excl: true).Should().BeFalse($"{engine}: the scratch is idle once the batch is done");

        Sys.Munmap(map, BatchSize).Should().Be(0);
        var values = GemMman.MmapWc(Sys, Fd, scratch, 0, 4096);
        var got = PrimeExporter.ReadMapping(Sys, values, Stores * 4);
        for (var i = 0; i < Stores; i++)
            BitConverter.ToUInt32(got, i * 4).Should().Be((uint)i, $"{engine}: dword {i} of the scratch");
        Sys.Munmap(values, 4096).Should().Be(0);

        Gem.Close(Sys, Fd, batch);
        Gem.Close(Sys, Fd, scratch);
        Sys.Close(batchFd).Should().Be(0);
        Sys.Close(scratchFd).Should().Be(0);
    }
}
