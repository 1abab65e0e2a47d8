using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Panfrost;
using Igt.Prime;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_implicit_sync: the reservation object of a shared buffer carries fences across devices. A job on etnaviv
/// reading a buffer panfrost is still writing waits for panfrost's fence; poll() on the dma-buf reports busy until
/// then (prime_busy across devices).
/// </summary>
public sealed class PrimeImplicitSync(ITestOutputHelper output) : PrimeTest(output)
{
    private const uint Value = 0x5eed_f00d;

    [Subtest("cross-device-copy-waits")]
    public void CrossDeviceCopyWaits()
    {
        var fd = Dev.HeapAlloc("system", 4096);
        var pan = Dev.Import(Dev.Panfrost, fd);
        var etna = Dev.Import(Dev.Etnaviv, fd);
        var dst = EtnavivBo.New(Sys, Dev.Etnaviv, 4096);
        var write = Dev.PanfrostWriteJob(pan, 0, Value);
        var spin = PanfrostSpin.Submit(Sys, Dev.Panfrost, [pan, write.SubmitBo.Handle], then: write.SubmitBo.Offset);
        try
        {
            var fence = Dev.EtnavivCopy(etna, dst, 4096, wait: false);
            var early = EtnavivFence.TryWait(Sys, Dev.Etnaviv, fence, IgtEtnaviv.Deadline(TimeSpan.FromMilliseconds(100)));
            early.Should().Be(-Errno.ETIMEDOUT, "the etnaviv copy must wait for panfrost's job still writing the shared buffer");
            spin.End(Sys);
            EtnavivFence.Wait(Sys, Dev.Etnaviv, fence, TimeSpan.FromSeconds(2));
            var copy = EtnavivBo.Mmap(Sys, Dev.Etnaviv, dst, 4096);
            Dev.ReadU32(copy).Should().Be(Value, "the copy ran after panfrost's write landed");
        }
        finally
        {
            spin.Free(Sys, Dev.Panfrost);
        }
    }

    [Subtest("poll-busy-cross-device")]
    public void PollBusyCrossDevice()
    {
        var fd = Dev.HeapAlloc("system", 4096);
        var pan = Dev.Import(Dev.Panfrost, fd);
        PrimeHelpers.IsBusy(Sys, fd, excl: true).Should().BeFalse("nothing uses the buffer yet");
        var spin = PanfrostSpin.Submit(Sys, Dev.Panfrost, [pan]);
        PrimeHelpers.IsBusy(Sys, fd, excl: false).Should().BeTrue("panfrost's job writes the buffer (POLLIN waits for writers)");
        PrimeHelpers.IsBusy(Sys, fd, excl: true).Should().BeTrue("POLLOUT waits for every fence");
        spin.Free(Sys, Dev.Panfrost);
        PrimeHelpers.Poll(Sys, fd, Kernel.Process.PollEvents.In, 2000).Should().BeGreaterThan(0, "poll wakes once the writer is done");
        PrimeHelpers.IsBusy(Sys, fd, excl: true).Should().BeFalse("idle after the job");
    }
}
