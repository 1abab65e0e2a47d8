using Igt.Runner.Discovery;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Mutants;

/// <summary>A `mutants` command, parsed: where to write, the run settings every mutant run shares, and which bugs.</summary>
public sealed record MutantsRequest(
    string OutDir,
    RunSettings Settings,
    TestSelection Selection,
    TestSources Sources,
    IReadOnlyList<string> Drivers,
    IReadOnlyList<string> Bugs,
    bool Overwrite,
    bool ListOnly,
    IReadOnlyList<string> Cmdline);
