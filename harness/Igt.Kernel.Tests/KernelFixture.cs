using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Kernel.Tests;

/// <summary>A bare machine (no devices) and one process, for unit tests of the kernel core.</summary>
public abstract class KernelFixture : IDisposable
{
    protected KernelFixture(long ramBytes = 16L << 20, long swapBytes = 32L << 20, bool kswapd = false)
    {
        Machine = Machine.Boot(new MachineConfig { Seed = 42, RamBytes = ramBytes, SwapBytes = swapBytes, Kswapd = kswapd });
        Task = Machine.Spawn("unit");
    }

    protected Machine Machine { get; }

    protected TaskStruct Task { get; }

    protected ulong MapAnon(ulong len, MapFlags extra = MapFlags.Private)
    {
        var a = Task.Mmap(0, len, Prot.ReadWrite, extra | MapFlags.Anonymous);
        a.Should().BeGreaterThan(0);
        return (ulong)a;
    }

    protected void Poke(ulong addr, uint value) => Task.WriteMemory(addr, BitConverter.GetBytes(value)).Should().Be(FaultResult.Ok);

    protected uint Peek(TaskStruct t, ulong addr)
    {
        var b = new byte[4];
        t.ReadMemory(addr, b).Should().Be(FaultResult.Ok);
        return BitConverter.ToUInt32(b);
    }

    public void Dispose()
    {
        Machine.Dispose();
        GC.SuppressFinalize(this);
    }
}
