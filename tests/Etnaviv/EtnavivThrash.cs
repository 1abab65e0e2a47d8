using Igt.Core;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Xunit.Abstractions;
using Submit = Igt.Etnaviv.EtnavivSubmit;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_thrash: a stream of fills and copies between BOs, many jobs in flight, while another process thrashes
/// memory so the submitter's own pages (its streams, BO lists) are swapped out and faulted back inside GEM_SUBMIT.
/// Every BO's contents are checked against a model at the end.
/// </summary>
public sealed class EtnavivThrash(ITestOutputHelper output) : EtnavivTest(output)
{
    private const int BoSize = 64 * 1024;

    [Subtest("thrash-jobs-in-flight")]
    public void ThrashJobsInFlight()
    {
        Boot(cfg => cfg.RamBytes = 32L << 20);
        var count = IgtEnv.StressObjects(ci: 8, nightly: 32);
        var jobs = IgtEnv.StressIterations(ci: 200, nightly: 5000);
        var rng = new Random((int)MachineSeed("thrash"));
        var bos = new uint[count];
        var model = new uint[count];
        for (var i = 0; i < count; i++)
        {
            bos[i] = EtnavivBo.New(Sys, Fd, BoSize);
            model[i] = 0xf00d0000u + (uint)i;
            Submit.Submit(Sys, Fd, new EtnavivCmdStream().Fill(0, 0, BoSize, model[i]), new EtnavivSubmitBo(bos[i], EtnavivIoctls.SubmitBoWrite));
        }

        // Streams live in the submitter's memory for the whole run, so the thrasher swaps them out and GEM_SUBMIT
        // faults them back in while copying.
        var copyStream = new EtnavivCmdStream().CopyBuffer(0, 0, 1, 0, BoSize);
        using var copyBuf = UserBuffer.From<uint>(Sys, copyStream.Data.ToArray());
        var fillValues = Enumerable.Range(0, 16).Select(_ => (uint)rng.Next()).ToArray();
        var fillStreams = fillValues.Select(v => new EtnavivCmdStream().Fill(0, 0, BoSize, v)).ToArray();
        var fillBufs = fillStreams.Select(cs => UserBuffer.From<uint>(Sys, cs.Data.ToArray())).ToArray();
        var jobsDone = 0;
        using var stop = new ManualResetEventSlim();
        var thrasher = Sys.Fork(c =>
        {
            while (!stop.IsSet)
                Thrash.Anon(c, 40L << 20);
        });
        try
        {
            var budget = System.Diagnostics.Stopwatch.StartNew();
            jobsDone = 0;
            // At least the given number of jobs and time, and until reclaim has swapped pages out under them.
            var duration = IgtEnv.Duration(ci: TimeSpan.FromSeconds(1.5), nightly: TimeSpan.FromSeconds(60));
            for (var j = 0; j < jobs || budget.Elapsed < duration || (Thrash.PagesReclaimed(Sys) == 0 && budget.Elapsed < TimeSpan.FromSeconds(10)); j++)
            {
                jobsDone++;
                var dst = rng.Next(count);
                if (rng.Next(3) == 0)
                {
                    var f = rng.Next(fillValues.Length);
                    model[dst] = fillValues[f];
                    Submit.TrySubmit(Sys, Fd, fillStreams[f], [new EtnavivSubmitBo(bos[dst], EtnavivIoctls.SubmitBoWrite)], out _,
                        streamAddress: fillBufs[f].Addr).Should().Be(0);
                }
                else
                {
                    var src = rng.Next(count);
                    if (src == dst)
                        continue;
                    model[dst] = model[src];
                    Submit.TrySubmit(Sys, Fd, copyStream,
                        [new EtnavivSubmitBo(bos[src], EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(bos[dst], EtnavivIoctls.SubmitBoWrite)],
                        out _, streamAddress: copyBuf.Addr).Should().Be(0);
                }
            }
        }
        finally
        {
            stop.Set();
            thrasher.Wait(60_000);
            foreach (var b in fillBufs)
                b.Dispose();
        }
        var vmstat = Sys.ReadTextFile("/proc/vmstat") ?? "";
        Log($"{jobsDone} jobs; vmstat: {string.Join(", ", vmstat.Split('\n').Where(l => l.StartsWith("pswp", StringComparison.Ordinal)))}");
        Thrash.PagesReclaimed(Sys).Should().BeGreaterThan(0, "memory pressure swapped pages out meanwhile");
        for (var i = 0; i < count; i++)
        {
            EtnavivBo.CpuPrep(Sys, Fd, bos[i], EtnavivIoctls.PrepRead, TimeSpan.FromSeconds(20));
            var map = EtnavivBo.Mmap(Sys, Fd, bos[i], BoSize);
            var data = new byte[BoSize];
            Sys.Read(map, data).Should().Be(Kernel.Process.FaultResult.Ok);
            for (var off = 0; off < BoSize; off += 4)
            {
                var v = BitConverter.ToUInt32(data, off);
                IgtCore.Assert(v == model[i], $"BO {i} dword {off / 4}: 0x{v:x8}, expected 0x{model[i]:x8}");
            }
            EtnavivBo.CpuFini(Sys, Fd, bos[i]);
            Sys.Munmap(map, BoSize);
        }
        thrasher.Failure.Should().BeNull();
    }
}
