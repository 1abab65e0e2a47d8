using Igt.Kernel.Vfs;

namespace Igt.Drm;

/// <summary>A directory of the pseudo filesystem (a debugfs dir of one device).</summary>
public sealed class KernelFsDir(KernelFs fs, string path)
{
    public string Path { get; } = path;

    public void Add(string name, Func<string> read, Func<string, int>? write = null) => fs.Register($"{Path}/{name}", read, write);
}
