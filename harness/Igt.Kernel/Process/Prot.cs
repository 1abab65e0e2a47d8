namespace Igt.Kernel.Process;

/// <summary>mmap protection bits.</summary>
[Flags]
public enum Prot
{
    None = 0,
    Read = 1,
    Write = 2,
    Exec = 4,
    ReadWrite = Read | Write,
}
