using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>
/// gem_ringfill: many tiny batches, more than the ring holds, queued behind a spinner so execbuf has to wait for
/// ring space. Each batch i stores 1 into slot i and then rewrites its own store to write 2 (the GPU-to-batch
/// write gem_exec_whisper relies on), so a batch that ran twice leaves 2 behind: every slot must read exactly 1.
/// The -interruptible variant runs under the signal helper, so the wait for ring space is interrupted and the
/// execbuf restarted; a restart must never queue the batch a second time.
/// </summary>
public sealed class GemRingfill(ITestOutputHelper output) : I915Test(output)
{
    private const int SeqBytes = 64;

    [Subtest("engines-basic")]
    public void EnginesBasic()
    {
        foreach (var e in IntelEngine.Physical(Sys, Fd))
            FillRing(e, interruptible: false);
    }

    [Subtest("engines-interruptible")]
    public void EnginesInterruptible()
    {
        using var helper = SignalHelper.Start(Sys, MachineSeed("signal-helper"));
        long interrupted = 0;
        foreach (var e in IntelEngine.Physical(Sys, Fd))
            interrupted += FillRing(e, interruptible: true);
        interrupted.Should().BeGreaterThan(0, "the ring filled up and the wait for space was interrupted");
    }

    /// <summary>Returns how many submissions came back with EINTR (and were resubmitted, as drmIoctl does).</summary>
    private long FillRing(IntelEngine engine, bool interruptible)
    {
        var ring = GemSubmission.MeasureRingSize(Sys, Fd, engine);
        ring.Should().BeGreaterThan(0).And.BeLessThan(4096, "execbuf blocks once the ring is full");
        var count = ring + 16;
        var gen = Gen;

        var scratch = Igt.I915.GemCreate.Create(Sys, Fd, (ulong)((count * 4 + 4095) & ~4095));
        var batch = Igt.I915.GemCreate.Create(Sys, Fd, (ulong)((count * SeqBytes + 4095) & ~4095));
        using var list = new GemExecList(Sys);
        list.Add(scratch, ExecObjectFlags.Write);
        var bi = list.Add(batch);
        var words = new uint[count * SeqBytes / 4];
        for (var i = 0; i < count; i++)
        {
            var b = new List<uint>();
            var slot = IgtStore.EmitStoreDword(b, gen, (ulong)(4 * i), 1);
            var self = IgtStore.EmitStoreDword(b, gen, (ulong)(i * SeqBytes + 12), 2);
            IgtStore.End(b);
            b.CopyTo(words, i * SeqBytes / 4);
            list.Reloc(bi, (ulong)(i * SeqBytes + slot * 4), scratch, (uint)(4 * i), I915GemDomain.Render, I915GemDomain.Render);
            // The batch patches its own first store: a read-domain reloc (a batch may not be a GPU write target).
            list.Reloc(bi, (ulong)(i * SeqBytes + self * 4), batch, (uint)(i * SeqBytes + 12), I915GemDomain.Instruction);
        }
        GemIoctls.Write(Sys, Fd, batch, 0, words);

        long eintr = 0;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using (var spin = IgtSpin.New(Sys, Fd, engine))
        {
            spin.SetTimeout(TimeSpan.FromMilliseconds(250));
            for (var i = 0; i < count; i++)
            {
                var eb = list.Args(engine.ExecFlags, batchStartOffset: (uint)(i * SeqBytes));
                int r;
                while ((r = DrmIoctlHelper.IoctlRaw(Sys, Fd, I915Ioctls.GemExecbuffer2, ref eb)) is -Errno.EINTR or -Errno.EAGAIN)
                    eintr++;
                r.Should().Be(0, $"execbuf {i} on {engine}");
            }
        }
        GemIoctls.Sync(Sys, Fd, scratch);
        for (var i = 0; i < count; i++)
        {
            var v = GemIoctls.ReadU32(Sys, Fd, scratch, (ulong)(4 * i));
            v.Should().Be(1u, $"batch {i} of {count} on {engine} ran {(v == 2 ? "twice (two stores)" : v == 0 ? "never" : $"to 0x{v:x}")}");
        }
        Gem.Close(Sys, Fd, batch);
        Gem.Close(Sys, Fd, scratch);
        Log($"{engine}: ring of {ring} requests, {count} batches, {eintr} EINTR{(interruptible ? " (signal helper)" : "")}, submitted in {sw.ElapsedMilliseconds} ms");
        return eintr;
    }
}
