using Igt.Drm.Fences;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// gpu->fence_idr: the user-visible fence ids of GEM_SUBMIT, allocated cyclically from 0 to INT_MAX
/// (idr_alloc_cyclic), so an id is not reused soon after its submit retired.
/// </summary>
public sealed class EtnavivFenceIdr
{
    private readonly object _lock = new();
    private readonly Dictionary<uint, DmaFence> _map = new();
    private uint _next;

    public uint Alloc(DmaFence fence)
    {
        lock (_lock)
        {
            while (_map.ContainsKey(_next))
                _next = _next >= int.MaxValue - 1 ? 0 : _next + 1;
            var id = _next;
            _next = _next >= int.MaxValue - 1 ? 0 : _next + 1;
            _map[id] = fence;
            return id;
        }
    }

    public DmaFence? Find(uint id)
    {
        lock (_lock)
            return _map.TryGetValue(id, out var f) ? f : null;
    }

    public void Remove(uint id)
    {
        lock (_lock)
            _map.Remove(id);
    }
}
