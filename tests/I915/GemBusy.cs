using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>gem_busy: GEM_BUSY reports the writing engine's class and every reading engine while they work.</summary>
public sealed class GemBusy(ITestOutputHelper output) : I915Test(output)
{
    [Subtest("busy")]
    public void Busy()
    {
        var engines = IntelEngine.Physical(Sys, Fd);
        foreach (var e in engines)
        {
            var scratch = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
            using var spin = IgtSpin.New(Sys, Fd, e, dependencies: [scratch]);
            var nop = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
            GemIoctls.Write(Sys, Fd, nop, 0, new[] { IntelGpuCommands.MiBatchBufferEnd, 0u });
            // Readers on the other engines queue behind the writer (implicit sync) and are busy too.
            foreach (var other in engines.Where(o => o != e))
            {
                using var list = new GemExecList(Sys);
                list.Add(scratch);
                list.Add(nop);
                var eb = list.Args(other.ExecFlags);
                GemExecbuf.Execbuf(Sys, Fd, ref eb);
            }
            GemIoctls.TryBusy(Sys, Fd, scratch, out var busy).Should().Be(0);
            var read = busy >> 16;
            var write = busy & 0xffff;
            write.Should().Be((uint)(e.Class + 1), $"{e} writes the scratch");
            var expectRead = engines.Aggregate(0u, (m, o) => m | (1u << o.Class));
            read.Should().Be(expectRead, "the writer and every reader are reported as readers");

            GemIoctls.TryBusy(Sys, Fd, spin.Handle, out var batchBusy).Should().Be(0);
            (batchBusy >> 16).Should().Be(1u << e.Class, "the spinning batch is read by its engine");
            (batchBusy & 0xffff).Should().Be(0, "nobody writes the batch");

            spin.End();
            GemIoctls.Sync(Sys, Fd, scratch);
            GemIoctls.IsBusy(Sys, Fd, scratch).Should().BeFalse("idle once the spinner ended and the readers ran");
            GemIoctls.IsBusy(Sys, Fd, spin.Handle).Should().BeFalse();
            Gem.Close(Sys, Fd, nop);
            Gem.Close(Sys, Fd, scratch);
        }
    }
}
