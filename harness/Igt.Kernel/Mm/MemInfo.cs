namespace Igt.Kernel.Mm;

/// <summary>A /proc/meminfo snapshot, in bytes.</summary>
public sealed record MemInfo(
    long MemTotal,
    long MemFree,
    long MemAvailable,
    long AnonPages,
    long Shmem,
    long PageTables,
    long KernelPages,
    long Cma,
    long SwapTotal,
    long SwapFree)
{
    public long SwapUsed => SwapTotal - SwapFree;

    /// <summary>The /proc/meminfo text (kB), for debugfs-style views and reports.</summary>
    public string Format() =>
        $"MemTotal:       {MemTotal / 1024,8} kB\n" +
        $"MemFree:        {MemFree / 1024,8} kB\n" +
        $"MemAvailable:   {MemAvailable / 1024,8} kB\n" +
        $"AnonPages:      {AnonPages / 1024,8} kB\n" +
        $"Shmem:          {Shmem / 1024,8} kB\n" +
        $"PageTables:     {PageTables / 1024,8} kB\n" +
        $"KernelStack:    {KernelPages / 1024,8} kB\n" +
        $"CmaTotal:       {Cma / 1024,8} kB\n" +
        $"SwapTotal:      {SwapTotal / 1024,8} kB\n" +
        $"SwapFree:       {SwapFree / 1024,8} kB\n";
}
