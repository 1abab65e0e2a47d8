namespace Igt.Kernel.Process;

/// <summary>open(2) flags (the Linux values the emulation honours).</summary>
[Flags]
public enum OpenFlags
{
    ReadOnly = 0,
    WriteOnly = 1,
    ReadWrite = 2,
    NonBlock = 0x800,
    CloExec = 0x80000,
}
