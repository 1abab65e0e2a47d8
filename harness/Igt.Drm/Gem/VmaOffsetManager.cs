using Igt.Drm.Uapi;

namespace Igt.Drm.Gem;

/// <summary>drm_vma_offset_manager: fake mmap offsets on the DRM fd, and which files may map each object.</summary>
public sealed class VmaOffsetManager
{
    private readonly object _lock = new();
    private readonly Dictionary<ulong, GemObject> _byStart = new();
    private readonly Dictionary<GemObject, HashSet<DrmFile>> _allowed = new();
    private ulong _next = DrmIoctls.FilePageOffsetStart;

    /// <summary>drm_gem_create_mmap_offset(): idempotent; returns the start in pages.</summary>
    public ulong Add(GemObject obj)
    {
        lock (_lock)
        {
            if (obj.MmapPgOff != 0)
                return obj.MmapPgOff;
            var start = _next;
            _next += (ulong)Math.Max(1, obj.PageCount);
            _byStart[start] = obj;
            obj.MmapPgOff = start;
            return start;
        }
    }

    public void Remove(GemObject obj)
    {
        lock (_lock)
        {
            _byStart.Remove(obj.MmapPgOff);
            _allowed.Remove(obj);
        }
    }

    /// <summary>drm_vma_offset_exact_lookup: the object whose offset starts exactly at <paramref name="pgOff"/>.</summary>
    public GemObject? Lookup(ulong pgOff)
    {
        lock (_lock)
            return _byStart.TryGetValue(pgOff, out var o) ? o : null;
    }

    public void Allow(GemObject obj, DrmFile file)
    {
        lock (_lock)
        {
            if (!_allowed.TryGetValue(obj, out var set))
                _allowed[obj] = set = new HashSet<DrmFile>();
            set.Add(file);
        }
    }

    public void Revoke(GemObject obj, DrmFile file)
    {
        lock (_lock)
        {
            if (_allowed.TryGetValue(obj, out var set))
                set.Remove(file);
        }
    }

    public bool IsAllowed(GemObject obj, DrmFile file)
    {
        lock (_lock)
            return _allowed.TryGetValue(obj, out var set) && set.Contains(file);
    }
}
