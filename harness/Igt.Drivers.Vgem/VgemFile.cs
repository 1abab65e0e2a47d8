namespace Igt.Drivers.Vgem;

/// <summary>
/// struct vgem_file: the per-file fence idr. Ids start at 1; VGEM_FENCE_SIGNAL replaces the entry with NULL
/// (idr_replace), so an id is never handed out twice while the file is open.
/// </summary>
public sealed class VgemFile
{
    private readonly List<VgemFence?> _fences = new();

    /// <summary>idr_alloc(&amp;fence_idr, fence, 1, 0): the new id.</summary>
    public uint Add(VgemFence fence)
    {
        lock (_fences)
        {
            _fences.Add(fence);
            return (uint)_fences.Count;
        }
    }

    /// <summary>
    /// idr_replace(&amp;fence_idr, NULL, id): the fence that was there; null when the id was never allocated or was
    /// already consumed (the kernel answers -ENOENT for both).
    /// </summary>
    public VgemFence? Take(uint id)
    {
        lock (_fences)
        {
            if (id == 0 || id > _fences.Count)
                return null;
            var f = _fences[(int)id - 1];
            _fences[(int)id - 1] = null;
            return f;
        }
    }

    /// <summary>vgem_fence_close: every fence still held is signalled and released.</summary>
    public void Close()
    {
        VgemFence?[] left;
        lock (_fences)
        {
            left = _fences.ToArray();
            _fences.Clear();
        }
        foreach (var f in left)
        {
            f?.Signal();
            f?.StopTimer();
        }
    }
}
