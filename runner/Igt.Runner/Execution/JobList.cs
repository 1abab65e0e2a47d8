using Igt.Runner.Results;
using Igt.Runner.Selection;

namespace Igt.Runner.Execution;

/// <summary>
/// joblist.txt (the tests of one iteration, in run order, one igt name per line) and sources.txt (which test
/// assembly holds each binary, and the project that builds it: <c>igt@bin&lt;TAB&gt;assembly&lt;TAB&gt;project</c>). Written
/// before any test starts; resume needs nothing else.
/// </summary>
public static class JobList
{
    public static void Write(ResultsLayout layout, IReadOnlyList<string> names, IReadOnlyDictionary<string, string> sourceOfBinary,
        IReadOnlyDictionary<string, string> projectOfAssembly)
    {
        TextFiles.WriteAtomic(layout.JobList, string.Concat(names.Select(n => n + "\n")));
        TextFiles.WriteAtomic(layout.Sources, string.Concat(sourceOfBinary.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}\t{p.Value}\t{projectOfAssembly.GetValueOrDefault(p.Value, "")}\n")));
    }

    /// <summary>igt@bin → the project that builds its assembly, when the run built it.</summary>
    public static Dictionary<string, string> ReadProjects(ResultsLayout layout)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in TextFiles.ReadShared(layout.Sources).Split('\n'))
        {
            var parts = line.TrimEnd('\r').Split('\t');
            if (parts.Length >= 3 && parts[2].Length > 0)
                map[parts[0]] = parts[2];
        }
        return map;
    }

    public static IEnumerable<string> ReadNames(ResultsLayout layout) =>
        TextFiles.ReadShared(layout.JobList).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    /// <summary>igt@bin → assembly path.</summary>
    public static Dictionary<string, string> ReadSources(ResultsLayout layout)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in TextFiles.ReadShared(layout.Sources).Split('\n'))
        {
            var parts = line.TrimEnd('\r').Split('\t');
            if (parts.Length >= 2)
                map[parts[0]] = parts[1];
        }
        return map;
    }

    /// <summary>The jobs of one iteration, each with its assembly; a binary with no known assembly is an error.</summary>
    public static List<Job> ForIteration(int iteration, IEnumerable<string> names, IReadOnlyDictionary<string, string> sources) =>
        names.Select(n => new Job(iteration, n, sources.TryGetValue(IgtName.BinaryKey(n), out var s)
            ? s
            : throw new Settings.UsageException($"sources.txt has no test assembly for {IgtName.BinaryKey(n)} ({n})"))).ToList();
}
