using Igt.Runner.Settings;

namespace Igt.Runner.Selection;

/// <summary>
/// Builds the job list from the discovered tests: the test list or --test names (in their order) or everything
/// discovered; then -t/-x/blocklists; then the shard slice; then the sanity test goes first, whatever the filters
/// and the slice say, so every run and every shard proves the devices probe.
/// </summary>
public static class TestSelector
{
    public static List<string> Select(IReadOnlyList<string> discovered, TestSelection sel)
    {
        var all = new HashSet<string>(discovered, StringComparer.Ordinal);
        List<string> names;
        if (sel.TestList.Count > 0 || sel.Tests.Count > 0)
        {
            names = [];
            var entries = sel.TestList.Concat(sel.Tests.Select(t => (Name: t, Where: "--test")));
            foreach (var (name, where) in entries)
                names.AddRange(Expand(name, where, discovered, all));
            names = names.Distinct(StringComparer.Ordinal).ToList();
        }
        else
        {
            names = discovered.ToList();
        }

        var include = sel.Include.Select(p => RegexListFile.Validate(p, "--include-tests")).ToList();
        var exclude = sel.Exclude.Select(p => RegexListFile.Validate(p, "--exclude-tests")).ToList();
        names = names.Where(n => (include.Count == 0 || include.Any(r => r.IsMatch(n))) && !exclude.Any(r => r.IsMatch(n))).ToList();

        if (sel.Shard is { } shard)
            names = shard.Select(names, sel.ShardSeed).ToList();

        if (sel.Sanity is { } sanity)
        {
            if (!all.Contains(sanity))
                throw new UsageException($"sanity test {sanity} was not found among the discovered tests (choose one with --sanity NAME, or --sanity none)");
            names.Remove(sanity);
            names.Insert(0, sanity);
        }
        return names;
    }

    private static IEnumerable<string> Expand(string name, string where, IReadOnlyList<string> discovered, HashSet<string> all)
    {
        if (IgtName.IsBinary(name))
        {
            var prefix = name + "@";
            var subtests = discovered.Where(d => d.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            return subtests.Count > 0 ? subtests : throw new UsageException($"{where}: unknown test binary {name}");
        }
        if (!all.Contains(name))
            throw new UsageException($"{where}: unknown test {name}{Suggest(name, discovered)}");
        return [name];
    }

    private static string Suggest(string name, IReadOnlyList<string> discovered)
    {
        var binary = IgtName.BinaryKey(name) + "@";
        var close = discovered.Where(d => d.StartsWith(binary, StringComparison.Ordinal)).Take(3).ToList();
        return close.Count > 0 ? $" (the binary has: {string.Join(", ", close)}{(close.Count == 3 ? ", ..." : "")})" : "";
    }
}
