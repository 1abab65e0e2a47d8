using System.Text.RegularExpressions;

namespace Igt.Runner.Mutants;

/// <summary>
/// Which tests a known bug is run against: the bug driver's own test assembly (tests/Panfrost → Igt.Tests.Panfrost
/// for "panfrost.*") plus tests/Core's (cross-driver tests); a bug whose driver has no test assembly of its own
/// ("dmabuf.*") gets tests/Core alone; with neither, every assembly given.
/// </summary>
public static partial class MutantScope
{
    public const string CoreKey = "core";

    /// <summary>
    /// Tests that switch known bugs on by themselves (KnownBugHarness) and pass when they catch them: under
    /// IGT_KNOWN_BUGS their "bug off" half runs with the bug on too, so they would fail for the wrong reason. They
    /// prove their bugs in every ordinary run; the mutant runs leave them out.
    /// </summary>
    public const string ProofTests = "_known_bugs@";

    [GeneratedRegex(ProofTests)]
    public static partial Regex ProofTestPattern();

    /// <summary>The scope key of a test assembly: the last part of its name, lower case (Igt.Tests.Panfrost.dll → panfrost).</summary>
    public static string KeyOf(string assembly) =>
        Path.GetFileNameWithoutExtension(assembly).Split('.').Last().ToLowerInvariant();

    public static IReadOnlyList<string> AssembliesFor(KnownBug bug, IReadOnlyList<string> assemblies)
    {
        var own = assemblies.Where(a => KeyOf(a) == bug.Driver).ToList();
        var core = assemblies.Where(a => KeyOf(a) == CoreKey && !own.Contains(a)).ToList();
        var scope = own.Concat(core).ToList();
        return scope.Count > 0 ? scope : assemblies;
    }

    /// <summary>The project folder names a driver's bugs need (tests/Panfrost, tests/Core), for building only those.</summary>
    public static bool ProjectServes(string projectPath, IReadOnlyCollection<string> drivers)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(projectPath)) ?? "").ToLowerInvariant();
        return folder == CoreKey || drivers.Contains(folder);
    }
}
