using Igt.Runner.Selection;

namespace Igt.Runner.Discovery;

/// <summary>The igt tests the test platform found, in discovery order, and the assembly that holds each binary.</summary>
public sealed class TestCatalog
{
    private readonly Dictionary<string, string> _sourceOfBinary = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => _names;

    /// <summary>igt@bin → assembly path.</summary>
    public IReadOnlyDictionary<string, string> SourceOfBinary => _sourceOfBinary;

    /// <summary>Display names that are not igt names (plain [Fact]s): not the runner's business.</summary>
    public List<string> Ignored { get; } = [];

    public void Add(string source, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!IgtName.IsSubtest(name))
            {
                Ignored.Add(name);
                continue;
            }
            var binary = IgtName.BinaryKey(name);
            if (_sourceOfBinary.TryGetValue(binary, out var other) && other != source)
                throw new Settings.UsageException($"binary {binary} is defined in two test assemblies: {other} and {source}");
            _sourceOfBinary[binary] = source;
            if (_seen.Add(name))
                _names.Add(name);
        }
    }

    public static async Task<TestCatalog> DiscoverAsync(IReadOnlyList<string> assemblies, CancellationToken ct)
    {
        var lists = await Task.WhenAll(assemblies.Select(a => TestDiscovery.ListAsync(a, ct)));
        var catalog = new TestCatalog();
        for (var i = 0; i < assemblies.Count; i++)
            catalog.Add(assemblies[i], lists[i]);
        return catalog;
    }

    /// <summary>Only the binaries <paramref name="names"/> use.</summary>
    public Dictionary<string, string> SourcesFor(IEnumerable<string> names) =>
        names.Select(IgtName.BinaryKey).Distinct().ToDictionary(b => b, b => _sourceOfBinary[b], StringComparer.Ordinal);
}
