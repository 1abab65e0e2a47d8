using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Xunit.Abstractions;
using Submit = Igt.Etnaviv.EtnavivSubmit;

namespace Igt.Tests.Etnaviv;

/// <summary>etnaviv_userptr: BOs over the process's own memory (GEM_USERPTR).</summary>
public sealed class EtnavivUserptr(ITestOutputHelper output) : EtnavivTest(output)
{
    private const int Size = 16 * 1024;

    [Subtest("userptr-copy")]
    public void UserptrCopy()
    {
        var mem = (ulong)Sys.Mmap(0, Size, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        var pattern = new byte[Size];
        new Random(77).NextBytes(pattern);
        Sys.Write(mem, pattern).Should().Be(FaultResult.Ok);
        var user = EtnavivBo.Userptr(Sys, Fd, mem, Size);
        var dst = EtnavivBo.New(Sys, Fd, Size);
        var dstMap = EtnavivBo.Mmap(Sys, Fd, dst, Size);

        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, new EtnavivCmdStream().CopyBuffer(0, 0, 1, 0, Size),
            new EtnavivSubmitBo(user, EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(dst, EtnavivIoctls.SubmitBoWrite)), TimeSpan.FromSeconds(5));
        var back = new byte[Size];
        Sys.Read(dstMap, back);
        back.Should().Equal(pattern, "the GPU read the process's memory");

        // And writes into it: the process sees the GPU's store in its own memory.
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 8192 + 12, 0x0badcafe), new EtnavivSubmitBo(user)),
            TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, mem + 8192 + 12).Should().Be(0x0badcafeu);
        EtnavivBo.ReadU32(Sys, mem + 8192 + 8).Should().Be(BitConverter.ToUInt32(pattern, 8192 + 8), "nothing else changed");
    }

    [Subtest("userptr-bad-args")]
    public void UserptrBadArgs()
    {
        var mem = (ulong)Sys.Mmap(0, Size, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        const uint rw = EtnavivIoctls.UserptrRead | EtnavivIoctls.UserptrWrite;
        EtnavivBo.TryUserptr(Sys, Fd, mem, Size, 0, out _).Should().Be(-Errno.EINVAL, "flags must say READ and/or WRITE");
        EtnavivBo.TryUserptr(Sys, Fd, mem, Size, 4, out _).Should().Be(-Errno.EINVAL, "unknown flag");
        EtnavivBo.TryUserptr(Sys, Fd, mem + 16, Size, rw, out _).Should().Be(-Errno.EINVAL, "unaligned pointer");
        EtnavivBo.TryUserptr(Sys, Fd, mem, Size - 100, rw, out _).Should().Be(-Errno.EINVAL, "unaligned size");
        EtnavivBo.TryUserptr(Sys, Fd, mem, 1UL << 32, rw, out _).Should().Be(-Errno.EINVAL, "the size must fit 32 bits");
        EtnavivBo.TryUserptr(Sys, Fd, 0x7fff_ffff_0000, 1UL << 20, rw, out _).Should().Be(-Errno.EFAULT, "beyond the user address space");
        EtnavivBo.TryUserptr(Sys, Fd, mem, Size, EtnavivIoctls.UserptrRead, out var ro).Should().Be(0);
        EtnavivBo.TryMmap(Sys, Fd, ro, Size).Should().Be(-Errno.EINVAL, "a userptr BO has no CPU mmap of its own");
    }

    [Subtest("userptr-other-process")]
    public void UserptrOtherProcess()
    {
        var mem = (ulong)Sys.Mmap(0, Size, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        var user = EtnavivBo.Userptr(Sys, Fd, mem, Size);
        var childResult = 0;
        var child = Sys.Fork(c =>
        {
            // Same file, same handle, other address space: the kernel may not pin another process's pages.
            childResult = Submit.TrySubmit(c, Fd, new EtnavivCmdStream().StoreDword(0, 0, 1), [new EtnavivSubmitBo(user)], out _);
        });
        child.Wait(10_000).Should().Be(0, child.Failure?.ToString());
        childResult.Should().Be(-Errno.EPERM);
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 1), new EtnavivSubmitBo(user)), TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, mem).Should().Be(1u, "the owner can");
    }
}
