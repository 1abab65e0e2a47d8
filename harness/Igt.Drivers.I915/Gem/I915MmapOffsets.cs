using Igt.Drm;
using Igt.Drm.Uapi;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// i915_mmap_offset nodes: one fake offset per (object, mmap type), shared by every file, and per node the files
/// allowed to map it (drm_vma_node_allow). A mapping may start inside a node (partial mmap).
/// </summary>
public sealed class I915MmapOffsets
{
    private readonly object _lock = new();
    private readonly Dictionary<(I915GemObject Obj, ulong Type), Node> _byObj = new();
    private readonly SortedDictionary<ulong, Node> _byStart = new();
    private ulong _next = DrmIoctls.FilePageOffsetStart;

    /// <summary>The node's first page offset for (obj, type), created on first use; the file may map it from now on.</summary>
    public ulong Add(I915GemObject obj, ulong type, DrmFile file)
    {
        lock (_lock)
        {
            if (!_byObj.TryGetValue((obj, type), out var node))
            {
                node = new Node(obj, type, _next, (ulong)Math.Max(1, obj.PageCount));
                _next += node.Pages;
                _byObj[(obj, type)] = node;
                _byStart[node.Start] = node;
            }
            node.Allowed.Add(file);
            return node.Start;
        }
    }

    /// <summary>drm_vma_offset_lookup_locked: the node containing [pgoff, pgoff + pages).</summary>
    public bool Lookup(ulong pgoff, ulong pages, DrmFile file, out I915GemObject? obj, out ulong type, out ulong objPgoff, out bool allowed)
    {
        lock (_lock)
        {
            foreach (var node in _byStart.Values)
            {
                if (pgoff >= node.Start && pgoff + pages <= node.Start + node.Pages)
                {
                    obj = node.Obj;
                    type = node.Type;
                    objPgoff = pgoff - node.Start;
                    allowed = node.Allowed.Contains(file);
                    return true;
                }
            }
        }
        obj = null;
        type = 0;
        objPgoff = 0;
        allowed = false;
        return false;
    }

    /// <summary>The file closed its handle: it may no longer map any of the object's nodes.</summary>
    public void Revoke(I915GemObject obj, DrmFile file)
    {
        lock (_lock)
            foreach (var node in _byObj.Values.Where(n => ReferenceEquals(n.Obj, obj)))
                node.Allowed.Remove(file);
    }

    public void Remove(I915GemObject obj)
    {
        lock (_lock)
        {
            foreach (var key in _byObj.Keys.Where(k => ReferenceEquals(k.Obj, obj)).ToList())
            {
                _byStart.Remove(_byObj[key].Start);
                _byObj.Remove(key);
            }
        }
    }

    private sealed class Node(I915GemObject obj, ulong type, ulong start, ulong pages)
    {
        public I915GemObject Obj { get; } = obj;

        public ulong Type { get; } = type;

        public ulong Start { get; } = start;

        public ulong Pages { get; } = pages;

        public HashSet<DrmFile> Allowed { get; } = new();
    }
}
