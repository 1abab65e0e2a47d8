namespace Igt.Drm;

/// <summary>idr: small integer ids for objects, lowest free id first, starting at 1 (idr_alloc(.., 1, 0)).</summary>
public sealed class Idr<T> where T : class
{
    private readonly Dictionary<uint, T> _map = new();
    private readonly SortedSet<uint> _holes = new();
    private uint _next = 1;

    public int Count => _map.Count;

    public uint Alloc(T value)
    {
        uint id;
        if (_holes.Count > 0)
        {
            id = _holes.Min;
            _holes.Remove(id);
        }
        else
        {
            id = _next++;
        }
        _map[id] = value;
        return id;
    }

    /// <summary>idr_replace(): stores <paramref name="value"/> under an id allocated before (reserved empty).</summary>
    public void Replace(uint id, T value) => _map[id] = value;

    public T? Find(uint id) => _map.TryGetValue(id, out var v) ? v : null;

    public T? Remove(uint id)
    {
        if (!_map.Remove(id, out var v))
            return null;
        _holes.Add(id);
        return v;
    }

    public IReadOnlyList<KeyValuePair<uint, T>> Snapshot() => _map.OrderBy(kv => kv.Key).ToList();
}
