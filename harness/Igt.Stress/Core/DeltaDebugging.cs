namespace Igt.Stress.Core;

/// <summary>
/// Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing Input", 2002) over a sequence: tries
/// subsets and complements at growing granularity and returns a 1-minimal failing subsequence (removing any single
/// remaining element makes it pass), order kept. Results of tested subsequences are cached.
/// </summary>
public static class DeltaDebugging
{
    /// <summary>
    /// Shrinks <paramref name="items"/> while <paramref name="stillFails"/> holds. The input itself is assumed to fail.
    /// Stops after <paramref name="maxTests"/> calls of the predicate and returns the smallest failing sequence so far.
    /// </summary>
    public static IReadOnlyList<T> Minimize<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, bool> stillFails, int maxTests = 5000)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stillFails);
        // Work on indices so equal items and the cache key stay unambiguous.
        var current = Enumerable.Range(0, items.Count).ToList();
        var cache = new Dictionary<string, bool>(StringComparer.Ordinal);
        var tests = 0;

        bool Fails(List<int> subset)
        {
            var key = string.Join(',', subset);
            if (cache.TryGetValue(key, out var known))
                return known;
            if (tests >= maxTests)
                return false;
            tests++;
            var result = stillFails(subset.Select(i => items[i]).ToList());
            cache[key] = result;
            return result;
        }

        var n = 2;
        while (current.Count >= 2 && tests < maxTests)
        {
            var chunks = Split(current, n);
            var reduced = false;
            // Reduce to a subset.
            foreach (var chunk in chunks)
            {
                if (Fails(chunk))
                {
                    current = chunk;
                    n = 2;
                    reduced = true;
                    break;
                }
            }
            if (!reduced && n > 2)
            {
                // Reduce to a complement.
                for (var i = 0; i < chunks.Count; i++)
                {
                    var complement = chunks.Where((_, j) => j != i).SelectMany(c => c).ToList();
                    if (Fails(complement))
                    {
                        current = complement;
                        n = Math.Max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }
            }
            if (reduced)
                continue;
            if (n >= current.Count)
                break;
            n = Math.Min(current.Count, 2 * n);
        }
        if (current.Count == 1 && Fails([]))
            current = [];
        return current.Select(i => items[i]).ToList();
    }

    private static List<List<int>> Split(List<int> items, int n)
    {
        var chunks = new List<List<int>>(n);
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            var end = start + (items.Count - start) / (n - i);
            if (end > start)
                chunks.Add(items.GetRange(start, end - start));
            start = end;
        }
        return chunks;
    }
}
