namespace Igt.Stress.Fuzz;

/// <summary>
/// The pool of everything the calls so far produced, live and closed, so generation can pick live handles most
/// of the time and stale ones, or ones of another file, on purpose.
/// </summary>
public sealed class FuzzResources
{
    private readonly object _lock = new();
    private readonly List<FuzzResource> _all = new();
    private long _nextObj = 1;

    public long NewObjId() => Interlocked.Increment(ref _nextObj);

    public void Add(FuzzResource r)
    {
        lock (_lock)
        {
            // A value the kernel hands out again (lowest free id / fd) makes the older entry stale.
            foreach (var old in _all)
            {
                if (!old.Closed && old.Kind == r.Kind && old.Value == r.Value && old.Scope == r.Scope)
                {
                    if (old.ObjId == r.ObjId && r.ObjId >= 0 && r.Kind == ResourceKind.GemHandle)
                        return; // re-import of a BO the file already has: the same handle comes back
                    old.Closed = true;
                }
            }
            _all.Add(r);
        }
    }

    /// <summary>Marks the live entry with this value closed (GEM_CLOSE, SYNCOBJ_DESTROY, close()).</summary>
    public void Close(ResourceKind kind, int scope, ulong value)
    {
        lock (_lock)
        {
            foreach (var r in _all)
            {
                if (!r.Closed && r.Kind == kind && r.Scope == scope && r.Value == value)
                    r.Closed = true;
            }
        }
    }

    public FuzzResource? Live(ResourceKind kind, int scope, ulong value)
    {
        lock (_lock)
            return _all.LastOrDefault(r => !r.Closed && r.Kind == kind && r.Scope == scope && r.Value == value);
    }

    /// <summary>Global kinds (flink names, GPU VAs, fences) ignore the scope.</summary>
    public FuzzResource? LiveAnyScope(ResourceKind kind, ulong value)
    {
        lock (_lock)
            return _all.LastOrDefault(r => !r.Closed && r.Kind == kind && r.Value == value);
    }

    public List<FuzzResource> Select(Func<FuzzResource, bool> pred)
    {
        lock (_lock)
            return _all.Where(pred).ToList();
    }

    /// <summary>Live GEM handles to one object across all files.</summary>
    public int LiveHandles(long objId)
    {
        if (objId < 0)
            return 0;
        lock (_lock)
            return _all.Count(r => !r.Closed && r.Kind == ResourceKind.GemHandle && r.ObjId == objId);
    }

    /// <summary>DRM files holding at least one live GEM handle to one object (two handles in one file are one user).</summary>
    public int FilesHolding(long objId)
    {
        if (objId < 0)
            return 0;
        lock (_lock)
            return _all.Where(r => !r.Closed && r.Kind == ResourceKind.GemHandle && r.ObjId == objId).Select(r => r.Scope).Distinct().Count();
    }
}
