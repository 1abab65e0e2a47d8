namespace Igt.Kernel.Process;

/// <summary>mmap flags (the Linux values).</summary>
[Flags]
public enum MapFlags
{
    Shared = 0x01,
    Private = 0x02,
    Fixed = 0x10,
    Anonymous = 0x20,
    Populate = 0x8000,
    FixedNoReplace = 0x100000,
}
