using Igt.Kernel.Process;
using Igt.Kernel.Signals;
using Igt.Kernel.Sync;

namespace Igt.Kernel.Tests;

public sealed class SignalTests() : KernelFixture
{
    private long SleepSyscall(long timeoutNs, bool interruptible) =>
        Task.Syscall("test_sleep", () =>
        {
            var r = new WaitQueue().WaitEvent(() => false, timeoutNs, interruptible);
            return r < 0 ? r : r == 0 ? -Errno.ETIME : 0;
        });

    [Fact]
    public void InterruptedSleepReturnsEintrWithoutRestart()
    {
        Task.SigAction(Signal.SIGUSR1, SigAction.Counting(restart: false));
        using var t = new Timer(_ => Task.Signals.Send(Signal.SIGUSR1), null, 20, Timeout.Infinite);
        SleepSyscall(5_000_000_000, interruptible: true).Should().Be(-Errno.EINTR);
        Task.Signals.DeliveredCount(Signal.SIGUSR1).Should().Be(1);
        Task.InterruptedSyscalls.Should().Be(1);
    }

    [Fact]
    public void SaRestartRestartsTransparently()
    {
        Task.SigAction(Signal.SIGUSR1, SigAction.Counting(restart: true));
        using var t = new Timer(_ => Task.Signals.Send(Signal.SIGUSR1), null, 10, Timeout.Infinite);
        SleepSyscall(200_000_000, interruptible: true).Should().Be(-Errno.ETIME, "restarted and then timed out");
        Task.Signals.DeliveredCount(Signal.SIGUSR1).Should().Be(1);
    }

    [Fact]
    public void UninterruptibleSleepIgnoresSignals()
    {
        Task.SigAction(Signal.SIGUSR1, SigAction.Counting(restart: false));
        using var t = new Timer(_ => Task.Signals.Send(Signal.SIGUSR1), null, 5, Timeout.Infinite);
        SleepSyscall(100_000_000, interruptible: false).Should().Be(-Errno.ETIME);
    }

    [Fact]
    public void SigkillEndsAForkedChild()
    {
        var child = Task.Fork(c =>
        {
            while (true)
                c.Syscall("pause", () => new WaitQueue().WaitEvent(() => false, WaitQueue.Forever, interruptible: true));
        });
        Thread.Sleep(20);
        Task.Kill(child.Pid, Signal.SIGKILL).Should().Be(0);
        Task.WaitPid(child, 5000).Should().Be(128 + Signal.SIGKILL);
        Task.Kill(child.Pid, Signal.SIGKILL).Should().Be(-Errno.ESRCH);
    }

    [Fact]
    public void ChildFailureIsReported()
    {
        var child = Task.Fork(_ => throw new InvalidOperationException("boom"));
        Task.WaitPid(child).Should().Be(1);
        child.Failure.Should().BeOfType<InvalidOperationException>();
    }
}
