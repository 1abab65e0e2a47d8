namespace Igt.Kernel;

/// <summary>
/// The machine's source of randomness. Everything random in a machine (job durations, signal timing, reclaim
/// order) draws from a stream derived from the boot seed and a stable name, so a seed replays the same choices.
/// </summary>
public sealed class KernelRandom
{
    private readonly object _lock = new();
    private readonly Random _rng;

    public KernelRandom(ulong seed)
    {
        Seed = seed;
        _rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
    }

    public ulong Seed { get; }

    /// <summary>A new independent stream for one subsystem, derived from the seed and its name.</summary>
    public KernelRandom Derive(string name) => new(Mix(Seed, StableHash(name)));

    public int Next(int maxExclusive)
    {
        lock (_lock)
            return _rng.Next(maxExclusive);
    }

    public int Next(int minInclusive, int maxExclusive)
    {
        lock (_lock)
            return _rng.Next(minInclusive, maxExclusive);
    }

    public double NextDouble()
    {
        lock (_lock)
            return _rng.NextDouble();
    }

    public void Shuffle<T>(IList<T> list)
    {
        lock (_lock)
        {
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = _rng.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }
    }

    /// <summary>FNV-1a 64 over the UTF-16 code units: stable across runs and platforms (string.GetHashCode is not).</summary>
    public static ulong StableHash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>splitmix64 finaliser over the pair.</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var z = a + 0x9E3779B97F4A7C15UL * (b | 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
