namespace Igt.Kernel.Mm;

/// <summary>
/// A shrinker with the kernel's count/scan shape. Scan must not block on locks the allocating path may hold:
/// use Monitor.TryEnter as drivers use mutex_trylock, and return <see cref="ShrinkStop"/> when nothing can be done.
/// </summary>
public abstract class Shrinker
{
    public const long ShrinkStop = -1;
    public const long ShrinkEmpty = -2;

    protected Shrinker(string name) => Name = name;

    public string Name { get; }

    /// <summary>How many objects (pages) could be freed now; 0 or <see cref="ShrinkEmpty"/> when none.</summary>
    public abstract long CountObjects(ShrinkControl sc);

    /// <summary>Frees up to sc.NrToScan pages; returns the number freed or <see cref="ShrinkStop"/>.</summary>
    public abstract long ScanObjects(ShrinkControl sc);
}
