namespace Igt.Kernel.Vfs;

/// <summary>/dev: device nodes by path.</summary>
public sealed class DeviceNodes
{
    private readonly object _lock = new();
    private readonly SortedDictionary<string, ICharDevice> _nodes = new(StringComparer.Ordinal);

    public void Register(string path, ICharDevice dev)
    {
        lock (_lock)
            _nodes[path] = dev;
    }

    public void Unregister(string path)
    {
        lock (_lock)
            _nodes.Remove(path);
    }

    public ICharDevice? Lookup(string path)
    {
        lock (_lock)
            return _nodes.TryGetValue(path, out var d) ? d : null;
    }

    /// <summary>Paths under a directory prefix, sorted (like readdir of /dev/dri).</summary>
    public IReadOnlyList<string> List(string prefix)
    {
        lock (_lock)
            return _nodes.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }
}
