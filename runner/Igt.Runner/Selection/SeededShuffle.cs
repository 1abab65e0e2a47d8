namespace Igt.Runner.Selection;

/// <summary>
/// A Fisher-Yates shuffle driven by SplitMix64, so the same seed gives the same order on every machine and every
/// .NET version (System.Random's seeded sequence is not promised to stay the same).
/// </summary>
public static class SeededShuffle
{
    public static List<T> Shuffle<T>(IReadOnlyList<T> items, ulong seed)
    {
        var list = items.ToList();
        var state = seed;
        for (var i = list.Count - 1; i > 0; i--)
        {
            state = Settings.Seed.SplitMix64(state);
            var j = (int)(state % (ulong)(i + 1));
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
