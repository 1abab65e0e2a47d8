using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Uapi;

namespace Igt.Drivers.I915.Gem;

/// <summary>eb_vma: one entry of an execbuf's object list with its object, its VMA once reserved, and its flags.</summary>
internal sealed class I915ExecVma(int index, DrmI915GemExecObject2 entry, I915GemObject obj)
{
    public int Index { get; } = index;

    public DrmI915GemExecObject2 Entry = entry;

    public I915GemObject Obj { get; } = obj;

    public I915Vma? Vma { get; set; }

    /// <summary>PIN_OFFSET_BIAS: the lowest acceptable placement (non-zero for a relocated batch).</summary>
    public ulong OffsetBias { get; set; }

    /// <summary>Where the object is bound for this execbuf (read while pinned).</summary>
    public ulong Offset { get; set; }

    /// <summary>The execbuf holds a pin on <see cref="Vma"/>.</summary>
    public bool Pinned { get; set; }

    public ulong Flags
    {
        get => Entry.Flags;
        set => Entry.Flags = value;
    }

    public bool Write => (Flags & ExecObjectFlags.Write) != 0;

    /// <summary>Size to bind: the object, or pad_to_size when larger.</summary>
    public ulong BindSize => Math.Max(Obj.Size, (Flags & ExecObjectFlags.PadToSize) != 0 ? Entry.Rsvd1 : 0);
}
