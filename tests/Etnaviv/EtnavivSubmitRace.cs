using System.Diagnostics;
using Igt.Core;
using Igt.Drivers.Etnaviv.Hw;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel.Fault;
using Igt.Kernel.Process;
using Igt.Os;
using Xunit.Abstractions;
using Submit = Igt.Etnaviv.EtnavivSubmit;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_submit_race: the two properties of the submit path settled on dri-devel in 2015. The GPU executes only
/// the kernel's validated copy of a stream (a stream changed right after submit changes nothing), and a client
/// whose stream sits in swapped-out memory stalls only itself (no device lock is held across its page faults).
/// </summary>
public sealed class EtnavivSubmitRace(ITestOutputHelper output) : EtnavivTest(output)
{
    /// <summary>How long each page fault of the slow client takes.</summary>
    private static readonly TimeSpan FaultDelay = TimeSpan.FromMilliseconds(1500);

    [Subtest("submit-then-change")]
    public void SubmitThenChange()
    {
        var dst = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, dst, 4096);
        using var stream = UserBuffer.Alloc(Sys, 4096);
        var iterations = IgtEnv.StressIterations(ci: 16, nightly: 1000);
        // Every job waits a little in the front end: the window in which a GPU running the user's memory in place
        // would pick up the change.
        StallFrontEnd(TimeSpan.FromMilliseconds(3));

        using var submitted = new SemaphoreSlim(0);
        using var changed = new SemaphoreSlim(0);
        var valueOffset = 0UL;
        var attacker = new Thread(() =>
        {
            while (true)
            {
                submitted.Wait();
                if (valueOffset == ulong.MaxValue)
                    return;
                // Right after the ioctl returns: overwrite the stored value in the user's stream.
                var cur = new byte[4];
                Sys.Read(stream.Addr + valueOffset, cur);
                Sys.Write(stream.Addr + valueOffset, BitConverter.GetBytes(~BitConverter.ToUInt32(cur)));
                changed.Release();
            }
        }) { Name = "attacker" };
        attacker.Start();
        try
        {
            for (var i = 0; i < iterations; i++)
            {
                var value = 0x5afe0000u + (uint)i;
                var cs = new EtnavivCmdStream().StoreDword(0, 0, value);
                valueOffset = (ulong)IndexOfFillValue(cs) * 4;
                stream.WriteBytes(0, cs.ToBytes());
                var r = Submit.TrySubmit(Sys, Fd, cs, [new EtnavivSubmitBo(dst)], out var res, streamAddress: stream.Addr);
                r.Should().Be(0);
                submitted.Release();
                changed.Wait();
                EtnavivFence.Wait(Sys, Fd, res.Fence, TimeSpan.FromSeconds(5));
                var got = EtnavivBo.ReadU32(Sys, map);
                IgtCore.Assert(got == value,
                    $"GPU executed a command stream that changed after validation: iteration {i} stored 0x{got:x8}, the validated stream stores 0x{value:x8}");
            }
        }
        finally
        {
            valueOffset = ulong.MaxValue;
            submitted.Release();
            attacker.Join();
        }
    }

    /// <summary>Dword index of RS_FILL_VALUE(0)'s value in the stream.</summary>
    private static int IndexOfFillValue(EtnavivCmdStream cs)
    {
        var header = EtnavivCmdstream.LoadState(EtnavivStates.RsFillValue0, 1);
        for (var i = 0; i < cs.Dwords; i += 2)
            if (cs[i] == header)
                return i + 1;
        throw new InvalidOperationException("no RS fill value in the stream");
    }

    [Subtest("concurrent-submit-while-faulting")]
    public void ConcurrentSubmitWhileFaulting()
    {
        IgtCore.Require(Sys.IsEmulated, "page-fault injection (emulated machine)");
        var ready = new ManualResetEventSlim();
        var touch = new ManualResetEventSlim();
        var touched = new ManualResetEventSlim();
        var go = new ManualResetEventSlim();
        var aFaulting = new ManualResetEventSlim();
        var aResult = int.MinValue;
        var aStoredOk = false;

        // Client A: its stream lives in memory that will be swapped out when it submits.
        var a = Sys.Fork(child =>
        {
            var fd = IgtEtnaviv.Open(child);
            var bo = EtnavivBo.New(child, fd, 4096);
            var cs = new EtnavivCmdStream().StoreDword(0, 0, 0xaaaa0001);
            using var submit = new EtnavivStagedSubmit(child, fd, cs, bo);
            ready.Set();
            touch.Wait();
            // Everything A's submit reads is resident again, except the stream.
            submit.TouchAllButStream();
            touched.Set();
            go.Wait();
            aResult = submit.Submit();
            var fence = submit.Fence;
            EtnavivFence.Wait(child, fd, fence, TimeSpan.FromSeconds(10));
            var map = EtnavivBo.Mmap(child, fd, bo, 4096);
            aStoredOk = EtnavivBo.ReadU32(child, map) == 0xaaaa0001;
        });

        // Client B: an ordinary client with everything resident.
        var bBo = EtnavivBo.New(Sys, Fd, 4096);
        var bMap = EtnavivBo.Mmap(Sys, Fd, bBo, 4096);
        ready.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        Thrash.PurgeVmCaches(Sys);
        touch.Set();
        touched.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        // Only A's next fault is slow: the one on its stream, inside GEM_SUBMIT.
        var armed = 1;
        Machine.Faults.Delay(FaultSites.PageFault, FaultDelay, () =>
        {
            if (TaskStruct.Current?.Pid != a.Pid || Interlocked.Exchange(ref armed, 0) == 0)
                return false;
            aFaulting.Set();
            return true;
        });
        go.Set();
        aFaulting.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue("client A faults on its swapped-out stream inside GEM_SUBMIT");
        Thread.Sleep(50);

        var sw = Stopwatch.StartNew();
        var fence = Submit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 0xbbbb0001), new EtnavivSubmitBo(bBo));
        var latency = sw.Elapsed;
        Log($"client B submit latency {latency.TotalMilliseconds:F1} ms while client A waits {FaultDelay.TotalMilliseconds} ms per fault");
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(10));
        EtnavivBo.ReadU32(Sys, bMap).Should().Be(0xbbbb0001u);

        a.Wait(30_000).Should().Be(0, a.Failure?.ToString());
        Machine.Faults.Clear(FaultSites.PageFault);
        aResult.Should().Be(0, "client A's submit succeeds once its page is back");
        aStoredOk.Should().BeTrue();
        IgtCore.Assert(latency < FaultDelay / 2,
            $"client B's submit latency {latency.TotalMilliseconds:F0} ms includes client A's page fault ({FaultDelay.TotalMilliseconds:F0} ms): a lock is held across user faults");
    }
}
