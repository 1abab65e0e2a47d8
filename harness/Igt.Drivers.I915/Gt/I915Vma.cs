using Igt.Drivers.I915.Gem;

namespace Igt.Drivers.I915.Gt;

/// <summary>
/// i915_vma: an object's binding in one address space. State changes under the address space's lock.
/// A bound VMA holds a pin on the object's pages; <see cref="PinCount"/> counts execbufs using it right now.
/// </summary>
public sealed class I915Vma(I915GemObject obj, I915Ppgtt vm)
{
    public I915GemObject Obj { get; } = obj;

    public I915Ppgtt Vm { get; } = vm;

    public ulong Start { get; internal set; }

    public ulong Size { get; internal set; }

    /// <summary>The node is reserved in the allocator (possibly still being bound).</summary>
    public bool Reserved { get; internal set; }

    /// <summary>PTEs point at the object's pages.</summary>
    public bool Bound { get; internal set; }

    public int PinCount { get; internal set; }

    /// <summary>Which set of userptr pages the PTEs were written from (see I915UserptrObject).</summary>
    public long PagesGen { get; internal set; }

    public ulong End => Start + Size;

    public override string ToString() => $"vma[{Start:x}+{Size:x}{(Bound ? " bound" : "")}{(PinCount > 0 ? $" pin={PinCount}" : "")}]";
}
