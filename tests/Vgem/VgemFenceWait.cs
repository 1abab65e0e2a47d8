using System.Diagnostics;
using Igt.Drivers.Vgem.Uapi;
using Igt.Drm;
using Igt.Drm.Prime;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Signals;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Vgem;

/// <summary>
/// Waits on vgem fences through a dma-buf (DMA_BUF_IOCTL_SYNC and poll) and how signals interrupt them: a
/// handler without SA_RESTART turns the wait into EINTR, with SA_RESTART the ioctl restarts transparently, and
/// poll never restarts once a handler ran.
/// </summary>
[IgtBinary("vgem_fence_wait")]
public sealed class VgemFenceWait(ITestOutputHelper output) : VgemTest(output)
{
    private const int SignalDelayMs = 100;

    [Subtest("sync-waits-for-write-fence")]
    public void SyncWaitsForWriteFence()
    {
        var (fd, bo, dmabuf) = Setup();
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, VgemIoctls.FenceWrite);
        var released = false;
        using var signaller = After(SignalDelayMs, () =>
        {
            Volatile.Write(ref released, true);
            IgtVgem.FenceSignal(Sys, fd, fence);
        });
        Sync(dmabuf, DmaBufSync.Read).Should().Be(0);
        Volatile.Read(ref released).Should().BeTrue("SYNC_START returned only once the write fence was signalled");
        Sync(dmabuf, DmaBufSync.Read | DmaBufSync.End).Should().Be(0);
    }

    [Subtest("sync-read-ignores-read-fence")]
    public void SyncReadIgnoresReadFence()
    {
        var (fd, bo, dmabuf) = Setup();
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, 0);
        Sync(dmabuf, DmaBufSync.Read).Should().Be(0, "a reader does not wait for another reader");
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: true).Should().BeTrue("the read fence is still pending");
        var released = false;
        using var signaller = After(SignalDelayMs, () =>
        {
            Volatile.Write(ref released, true);
            IgtVgem.FenceSignal(Sys, fd, fence);
        });
        Sync(dmabuf, DmaBufSync.Write).Should().Be(0);
        Volatile.Read(ref released).Should().BeTrue("a writer waits for the read fence");
    }

    [Subtest("sync-interrupted")]
    public void SyncInterrupted()
    {
        var (fd, bo, dmabuf) = Setup();
        Sys.CatchSignal(Signal.SIGUSR1, restart: false);
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, VgemIoctls.FenceWrite);
        using (After(SignalDelayMs, () => Sys.Kill(Sys.Pid, Signal.SIGUSR1)))
            Sync(dmabuf, DmaBufSync.Read).Should().Be(-Errno.EINTR, "a handler without SA_RESTART ends the wait");
        Sys.SignalCount(Signal.SIGUSR1).Should().BeGreaterThanOrEqualTo(1);
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: false).Should().BeTrue("the fence is untouched by the interrupted wait");
        IgtVgem.FenceSignal(Sys, fd, fence);
        Sync(dmabuf, DmaBufSync.Read).Should().Be(0);
    }

    [Subtest("sync-restarted")]
    public void SyncRestarted()
    {
        var (fd, bo, dmabuf) = Setup();
        Sys.CatchSignal(Signal.SIGUSR1, restart: true);
        var interruptedBefore = Sys.InterruptedSyscalls;
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, VgemIoctls.FenceWrite);
        var released = false;
        using var signaller = After(SignalDelayMs, () =>
        {
            for (var i = 0; i < 3; i++)
            {
                Sys.Kill(Sys.Pid, Signal.SIGUSR1).Should().Be(0);
                Thread.Sleep(SignalDelayMs / 2);
            }
            Volatile.Write(ref released, true);
            IgtVgem.FenceSignal(Sys, fd, fence);
        });
        Sync(dmabuf, DmaBufSync.Read).Should().Be(0, "SA_RESTART restarts the wait instead of failing it");
        Volatile.Read(ref released).Should().BeTrue("the restarted wait still waited for the fence");
        Sys.SignalCount(Signal.SIGUSR1).Should().BeGreaterThanOrEqualTo(1);
        Sys.InterruptedSyscalls.Should().BeGreaterThan(interruptedBefore, "the wait was interrupted and restarted");
    }

    [Subtest("poll-interrupted")]
    public void PollInterrupted()
    {
        var (fd, bo, dmabuf) = Setup();
        Sys.CatchSignal(Signal.SIGUSR1, restart: true);
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, VgemIoctls.FenceWrite);
        using (After(SignalDelayMs, () => Sys.Kill(Sys.Pid, Signal.SIGUSR1)))
            Sys.Poll(dmabuf, PollEvents.In, -1).Should().Be(-Errno.EINTR, "poll is never restarted after a handler ran, SA_RESTART or not");
        IgtVgem.FenceSignal(Sys, fd, fence);
        Sys.Poll(dmabuf, PollEvents.In, -1).Should().Be((int)PollEvents.In);
    }

    private (int Fd, IgtVgem.Bo Bo, int Dmabuf) Setup()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        IgtVgem.RequireFences(Sys, fd);
        var bo = IgtVgem.Create(Sys, fd, 4096);
        return (fd, bo, Gem.PrimeHandleToFd(Sys, fd, bo.Handle));
    }

    /// <summary>DMA_BUF_IOCTL_SYNC without restarting on EINTR (the test looks at the first result).</summary>
    private int Sync(int dmabuf, ulong flags)
    {
        var arg = new DmaBufSync { Flags = flags };
        return DrmIoctlHelper.IoctlRaw(Sys, dmabuf, DmaBufSync.IoctlSync, ref arg);
    }

    /// <summary>Runs <paramref name="action"/> on another thread of the test after a delay; Dispose joins it.</summary>
    private static Helper After(int delayMs, Action action) => new(delayMs, action);

    private sealed class Helper : IDisposable
    {
        private readonly Thread _thread;
        private Exception? _error;

        public Helper(int delayMs, Action action)
        {
            _thread = new Thread(() =>
            {
                try
                {
                    Thread.Sleep(delayMs);
                    action();
                }
                catch (Exception e)
                {
                    _error = e;
                }
            }) { IsBackground = true, Name = "vgem-fence-helper" };
            _thread.Start();
        }

        public void Dispose()
        {
            _thread.Join();
            if (_error is not null)
                throw new InvalidOperationException("the helper thread failed", _error);
        }
    }
}
