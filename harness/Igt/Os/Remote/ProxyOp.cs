namespace Igt.Os.Remote;

/// <summary>Operations of the igt-proxy protocol (tools/vm/proxy/protocol.h; keep the two in step).</summary>
public enum ProxyOp : uint
{
    Hello = 1,
    Spawn = 2,
    End = 3,
    Died = 4,
    Open = 10,
    Close = 11,
    Dup = 12,
    Fstat = 13,
    Ioctl = 14,
    Mmap = 15,
    Munmap = 16,
    Mremap = 17,
    Madvise = 18,
    Poll = 19,
    ReadMem = 20,
    WriteMem = 21,
    ListDir = 22,
    ReadFile = 23,
    WriteFile = 24,
    Kmsg = 25,
    Kill = 26,
    SigAction = 27,
    SigCount = 28,
    Interrupted = 29,
    Dmesg = 30,
    GetInfo = 31,
}
