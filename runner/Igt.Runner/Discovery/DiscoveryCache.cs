using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Igt.Runner.Discovery;

/// <summary>
/// The test list of one assembly file, kept in the temp directory and keyed by the assembly's path, size and write
/// time: a rebuilt assembly is listed again. A cache that cannot be read or written is simply not used.
/// </summary>
public sealed class DiscoveryCache
{
    private readonly string _path;
    private readonly string _stamp;

    private DiscoveryCache(string path, string stamp)
    {
        _path = path;
        _stamp = stamp;
    }

    public static DiscoveryCache For(string assembly)
    {
        var full = Path.GetFullPath(assembly);
        var info = new FileInfo(full);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        var stamp = string.Create(CultureInfo.InvariantCulture, $"# {full} {info.Length} {info.LastWriteTimeUtc.Ticks}");
        return new DiscoveryCache(Path.Combine(Path.GetTempPath(), "igt-runner-discovery", key + ".txt"), stamp);
    }

    public List<string>? TryRead()
    {
        try
        {
            if (!File.Exists(_path))
                return null;
            var lines = File.ReadAllLines(_path);
            return lines.Length > 0 && lines[0] == _stamp ? lines.Skip(1).ToList() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Write(IEnumerable<string> names)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var tmp = $"{_path}.{Environment.ProcessId}.tmp";
            File.WriteAllLines(tmp, names.Prepend(_stamp));
            File.Move(tmp, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a cache.
        }
    }
}
