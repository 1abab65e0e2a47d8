using Igt.Drivers.I915;
using Igt.Drivers.I915.Uapi;
using Igt.Drm.Uapi;
using Igt.Kernel.Process;

namespace Igt.Kernel.Tests.I915;

/// <summary>
/// GEM_USERPTR's kernel-version-dependent answers (uapi-facts.md §4.3): UNSYNCHRONIZED is -ENODEV from 5.13 on
/// and root-only (-EPERM) before; PROBE exists with the 5.13 rework; dma-buf export of a userptr is refused
/// (-EINVAL) from 5.13 on.
/// </summary>
public sealed class I915UserptrVersionTests
{
    [Theory]
    [InlineData(6, 12, true, I915UserptrFlags.Unsynchronized, -Errno.ENODEV)]
    [InlineData(6, 12, false, I915UserptrFlags.Unsynchronized, -Errno.ENODEV)]
    [InlineData(5, 12, true, I915UserptrFlags.Unsynchronized, 0)]
    [InlineData(5, 12, false, I915UserptrFlags.Unsynchronized, -Errno.EPERM)]
    [InlineData(6, 12, false, I915UserptrFlags.Probe, 0)]
    [InlineData(5, 12, true, I915UserptrFlags.Probe, -Errno.EINVAL)]
    [InlineData(6, 12, true, 0u, 0)]
    [InlineData(6, 12, true, 0x4u, -Errno.EINVAL)]
    public void UserptrFlagsByKernelVersion(int major, int minor, bool root, uint flags, int expected)
    {
        using var m = Machine.Boot(new MachineConfig { KernelVersion = new KernelVersion(major, minor) }.WithDevice(new I915Spec()));
        var task = m.Spawn("userptr", root);
        var fd = task.Open("/dev/dri/card0");
        fd.Should().BeGreaterThan(0);
        var ptr = (ulong)task.Mmap(0, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        var r = Userptr(task, fd, ptr, flags, out _);
        r.Should().Be(expected, $"flags 0x{flags:x} as {(root ? "root" : "user")} on {major}.{minor}");
    }

    [Theory]
    [InlineData(6, 12, -Errno.EINVAL)]
    [InlineData(5, 12, 0)]
    public void DmabufExportByKernelVersion(int major, int minor, int expected)
    {
        using var m = Machine.Boot(new MachineConfig { KernelVersion = new KernelVersion(major, minor) }.WithDevice(new I915Spec()));
        var task = m.Spawn("userptr");
        var fd = task.Open("/dev/dri/card0");
        var ptr = (ulong)task.Mmap(0, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        Userptr(task, fd, ptr, 0, out var handle).Should().Be(0);
        var scratch = (ulong)task.Mmap(0, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        task.WriteMemory(scratch, UapiStruct.ToBytes(new DrmPrimeHandle { Handle = handle, Flags = DrmIoctls.DrmCloexec, Fd = -1 }));
        task.Ioctl(fd, DrmIoctls.PrimeHandleToFd, scratch).Should().Be(expected);
    }

    /// <summary>
    /// A userptr object used from another process (a forked child sharing the fd): the pre-5.13 driver pinned
    /// the pages of the object's own mm through a worker (answering -EAGAIN until it is done); since the 5.13 rework submit_init refuses a foreign
    /// mm with -EFAULT (what IGT's forked_userptr() probes before the forked swapping subtests).
    /// </summary>
    [Theory]
    [InlineData(6, 12, -Errno.EFAULT)]
    [InlineData(5, 12, 0)]
    public void ForkedChildUseByKernelVersion(int major, int minor, int expected)
    {
        using var m = Machine.Boot(new MachineConfig { KernelVersion = new KernelVersion(major, minor) }.WithDevice(new I915Spec()));
        var task = m.Spawn("userptr");
        var fd = task.Open("/dev/dri/card0");
        var ptr = (ulong)task.Mmap(0, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        Userptr(task, fd, ptr, 0, out var handle).Should().Be(0);
        var scratch = (ulong)task.Mmap(0, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        task.WriteMemory(scratch, UapiStruct.ToBytes(new DrmI915GemSetDomain { Handle = handle, ReadDomains = I915GemDomain.Cpu, WriteDomain = I915GemDomain.Cpu }));
        task.Ioctl(fd, I915Ioctls.GemSetDomain, scratch).Should().Be(0, "the owner may always use its userptr");

        var childResult = int.MinValue;
        // 5.12 pins a foreign mm's pages from a worker and answers -EAGAIN meanwhile; drmIoctl retries that.
        var child = task.Fork(c =>
        {
            for (var i = 0; i < 1000 && (childResult = c.Ioctl(fd, I915Ioctls.GemSetDomain, scratch)) == -Errno.EAGAIN; i++)
                Thread.Sleep(1);
        }, "child");
        task.WaitPid(child, 30_000).Should().Be(0);
        childResult.Should().Be(expected, $"a forked child's use of its parent's userptr on {major}.{minor}");
    }

    private static int Userptr(TaskStruct task, int fd, ulong ptr, uint flags, out uint handle)
    {
        var scratch = (ulong)task.Mmap(0, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        task.WriteMemory(scratch, UapiStruct.ToBytes(new DrmI915GemUserptr { UserPtr = ptr, UserSize = 4096, Flags = flags }));
        var r = task.Ioctl(fd, I915Ioctls.GemUserptr, scratch);
        var back = new byte[UapiStruct.SizeOf<DrmI915GemUserptr>()];
        task.ReadMemory(scratch, back);
        handle = UapiStruct.FromBytes<DrmI915GemUserptr>(back).Handle;
        return r;
    }
}
