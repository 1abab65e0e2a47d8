using BenchmarkDotNet.Attributes;
using Igt.Drivers.Vgem;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Bench;

/// <summary>
/// Emulated kernel entry points against a real syscall (getppid through P/Invoke) measured in the same run:
/// a null ioctl through the full DRM dispatch (GET_CAP), a page allocate/free pair, and a whole machine boot.
/// </summary>
[InProcess]
[MemoryDiagnoser]
public class SyscallBenchmarks
{
    private Machine _machine = null!;
    private TaskStruct _task = null!;
    private int _fd;
    private ulong _arg;

    [GlobalSetup]
    public void Setup()
    {
        _machine = Machine.Boot(new MachineConfig { Seed = 1, Kswapd = false }.WithDevice(new VgemSpec()));
        _task = _machine.Spawn("bench");
        _fd = _task.Open("/dev/dri/card0");
        _arg = (ulong)_task.Mmap(0, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        var cap = UapiStruct.ToBytes(new DrmGetCap { Capability = DrmIoctls.CapPrime });
        _task.WriteMemory(_arg, cap);
        if (_task.Ioctl(_fd, DrmIoctls.GetCap, _arg) != 0)
            throw new InvalidOperationException("GET_CAP failed in setup");
    }

    [GlobalCleanup]
    public void Cleanup() => _machine.Dispose();

    [Benchmark(Baseline = true, Description = "getppid() syscall (P/Invoke)")]
    public int RealSyscall() => NativeSyscall.GetPpid();

    [Benchmark(Description = "null ioctl: DRM_IOCTL_GET_CAP through full dispatch")]
    public int NullIoctl() => _task.Ioctl(_fd, DrmIoctls.GetCap, _arg);

    [Benchmark(Description = "page allocate + free")]
    public void PageAllocFree()
    {
        _machine.Pages.Alloc(PageOwner.Kernel, null, GfpFlags.NoReclaim, out var p);
        _machine.Pages.Free(p);
    }

    [Benchmark(Description = "machine boot + shutdown (vgem)")]
    public void Boot()
    {
        using var m = Machine.Boot(new MachineConfig { Seed = 2 }.WithDevice(new VgemSpec()));
    }
}
