namespace Igt.Stress.Core;

/// <summary>
/// What a stress or fuzz run found. Written as &lt;dir&gt;/finding.json (System.Text.Json, camelCase) next to
/// &lt;dir&gt;/ops.txt (the operation log, one human-readable operation per line, numbered from 0). Everything the run
/// did (machine and generated operations) derives from <see cref="Seed"/>, so the record alone replays it.
/// </summary>
/// <param name="Kind">"stress" or "fuzz".</param>
/// <param name="Target">Workload name ("panfrost-mixed") or fuzz target ("i915").</param>
/// <param name="Seed">The seed everything derives from.</param>
/// <param name="KnownBugs">"driver.Bug" names switched on for the run.</param>
/// <param name="Title">Dedup key, syzbot style ("KASAN: use-after-free Read in panfrost_mmu_map", "WARNING in
/// etnaviv_gem_free", or for invariant violations "stress: BO contents mismatch (panfrost)").</param>
/// <param name="OpCount">Operations executed up to and including the failing one.</param>
/// <param name="Profile">"ci" or "nightly".</param>
public sealed record FindingRecord(
    string Kind,
    string Target,
    ulong Seed,
    IReadOnlyList<string> KnownBugs,
    string Title,
    int OpCount,
    string Profile);
