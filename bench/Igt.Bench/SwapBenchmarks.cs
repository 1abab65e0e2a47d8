using BenchmarkDotNet.Attributes;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Bench;

/// <summary>
/// Swap traffic against memcpy of the same bytes in the same run: 4 MiB of anonymous memory written, swapped out by
/// reclaim and faulted back in, versus copying 8 MiB (out and in) with Buffer.MemoryCopy.
/// </summary>
[InProcess]
public class SwapBenchmarks
{
    private const ulong Bytes = 4UL << 20;
    private readonly byte[] _src = new byte[Bytes];
    private readonly byte[] _dst = new byte[Bytes];
    private Machine _machine = null!;
    private TaskStruct _task = null!;
    private ulong _addr;
    private readonly byte[] _page = new byte[4096];

    [GlobalSetup]
    public void Setup()
    {
        _machine = Machine.Boot(new MachineConfig { Seed = 3, RamBytes = 16L << 20, SwapBytes = 64L << 20, Kswapd = false });
        _task = _machine.Spawn("bench");
        _addr = (ulong)_task.Mmap(0, Bytes, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        for (ulong off = 0; off < Bytes; off += 4096)
            _task.WriteMemory(_addr + off, _page);
    }

    [GlobalCleanup]
    public void Cleanup() => _machine.Dispose();

    [Benchmark(Baseline = true, Description = "memcpy 4 MiB out + 4 MiB back")]
    public unsafe void Memcpy()
    {
        fixed (byte* s = _src, d = _dst)
        {
            Buffer.MemoryCopy(s, d, Bytes, Bytes);
            Buffer.MemoryCopy(d, s, Bytes, Bytes);
        }
    }

    [Benchmark(Description = "swap out 4 MiB (reclaim) + swap in (faults)")]
    public void SwapOutIn()
    {
        // Two reclaim passes: the first clears accessed bits (second chance), the second writes to swap.
        _machine.Pages.Reclaim((long)(Bytes / 4096), kswapd: true);
        _machine.Pages.Reclaim((long)(Bytes / 4096), kswapd: true);
        for (ulong off = 0; off < Bytes; off += 4096)
            _task.ReadMemory(_addr + off, _page.AsSpan(0, 8));
    }
}
