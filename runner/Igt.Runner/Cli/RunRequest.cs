using Igt.Runner.Discovery;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Cli;

/// <summary>A `run` command, parsed and validated.</summary>
public sealed record RunRequest(
    string ResultsDir,
    RunSettings Settings,
    TestSelection Selection,
    TestSources Sources,
    bool Overwrite,
    bool DryRun,
    string Progress,
    IReadOnlyList<string> Cmdline);
