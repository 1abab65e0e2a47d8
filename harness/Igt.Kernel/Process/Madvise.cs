namespace Igt.Kernel.Process;

/// <summary>madvise advice values the emulation implements.</summary>
public enum Madvise
{
    Normal = 0,
    WillNeed = 3,
    DontNeed = 4,
    DontFork = 10,
}
