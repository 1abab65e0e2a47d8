using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Printk;
using Xunit.Abstractions;

namespace Igt.Tests.Stress;

/// <summary>
/// A machine a long stress run retires between rounds is shut down at once, and its kernel warnings still fail
/// the test at the end (the nightly stress tests retire one machine per round).
/// </summary>
public sealed class RetireMachineTests(ITestOutputHelper output)
{
    [Fact]
    public void RetiredMachineIsShutDownAndItsWarningsStillCount()
    {
        var probe = new Probe(output);
        var (first, second) = probe.BootTwo();
        var task = second.Spawn("probe");
        var firstTask = first.Spawn("probe");
        second.Dmesg.Printk(LogLevel.Warning, "WARNING: CPU: 0 PID: 1 at retire_probe+0x1/0x2");
        probe.Retire(second);
        task.Exited.Should().BeTrue("the retired machine was shut down at once");
        probe.Retire(first);
        firstTask.Exited.Should().BeFalse("the test's first machine stays until the end");
        var act = probe.Dispose;
        act.Should().Throw<DmesgWarningException>().Which.Message.Should().Contain("retire_probe");
    }

    [Fact]
    public void RetiredCleanMachineLeavesTheTestClean()
    {
        var probe = new Probe(output);
        var (_, second) = probe.BootTwo();
        probe.Retire(second);
        probe.Retire(second); // twice is harmless
        var act = probe.Dispose;
        act.Should().NotThrow();
    }

    private sealed class Probe(ITestOutputHelper output) : IgtTest(output)
    {
        protected override void Configure(MachineConfig config)
        {
        }

        public (Machine, Machine) BootTwo() => (BootMachine(salt: "first"), BootMachine(salt: "second"));

        public void Retire(Machine m) => RetireMachine(m);
    }
}
