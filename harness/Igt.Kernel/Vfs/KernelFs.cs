namespace Igt.Kernel.Vfs;

/// <summary>
/// The pseudo filesystems tests read and write as text: /proc (meminfo, vmstat, tainted, drop_caches) and
/// /sys/kernel/debug (per-device views). Files are generated on read.
/// </summary>
public sealed class KernelFs
{
    private readonly object _lock = new();
    private readonly SortedDictionary<string, (Func<string>? Read, Func<string, int>? Write)> _files = new(StringComparer.Ordinal);

    public void Register(string path, Func<string>? read, Func<string, int>? write = null)
    {
        lock (_lock)
            _files[path] = (read, write);
    }

    public void Unregister(string path)
    {
        lock (_lock)
            _files.Remove(path);
    }

    public void UnregisterTree(string prefix)
    {
        lock (_lock)
            foreach (var k in _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
                _files.Remove(k);
    }

    public string? Read(string path)
    {
        Func<string>? read;
        lock (_lock)
            read = _files.TryGetValue(path, out var f) ? f.Read : null;
        return read?.Invoke();
    }

    public int Write(string path, string text)
    {
        Func<string, int>? write;
        lock (_lock)
        {
            if (!_files.TryGetValue(path, out var f))
                return -Errno.ENOENT;
            write = f.Write;
        }
        return write is null ? -Errno.EACCES : write(text);
    }

    public IReadOnlyList<string> List(string prefix)
    {
        lock (_lock)
            return _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }
}
