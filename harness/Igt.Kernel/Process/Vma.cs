namespace Igt.Kernel.Process;

/// <summary>vm_area_struct: a mapped range [Start, End) of one address space.</summary>
public sealed class Vma
{
    internal Vma(MmStruct mm, ulong start, ulong end, Prot prot, VmaFlags flags, KFile? file, ulong pgOff)
    {
        Mm = mm;
        Start = start;
        End = end;
        Prot = prot;
        Flags = flags;
        File = file;
        PgOff = pgOff;
    }

    public MmStruct Mm { get; }

    public ulong Start { get; internal set; }

    public ulong End { get; internal set; }

    public ulong Length => End - Start;

    public Prot Prot { get; internal set; }

    public VmaFlags Flags { get; set; }

    /// <summary>The mapped file, or null for anonymous memory.</summary>
    public KFile? File { get; }

    /// <summary>Page offset into the mapped object of <see cref="Start"/>. Drivers may rewrite it in their mmap.</summary>
    public ulong PgOff { get; set; }

    /// <summary>Set by the file's mmap: how faults are resolved.</summary>
    public IVmOperations? Ops { get; set; }

    /// <summary>vm_private_data: the driver's object behind the mapping.</summary>
    public object? PrivateData { get; set; }

    /// <summary>The object's reverse map this VMA is linked into (i_mmap), so the object can zap its PTEs.</summary>
    public AddressSpace? Mapping { get; set; }

    /// <summary>Cache attribute of the CPU mapping (write-back, write-combined, uncached).</summary>
    public CacheMode CacheMode { get; set; } = CacheMode.WriteBack;

    /// <summary>
    /// The mapped memory is used by a device that does not snoop CPU caches. With <see cref="CacheMode.WriteBack"/>,
    /// CPU accesses then go through the emulated CPU cache and need explicit maintenance; WC and UC go to memory.
    /// </summary>
    public bool NonCoherent { get; set; }

    public bool IsAnonymous => File is null;

    public override string ToString() => $"{Start:x}-{End:x} {Prot} {Flags}{(File is null ? " anon" : "")}";
}
