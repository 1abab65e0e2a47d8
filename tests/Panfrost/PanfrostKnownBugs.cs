using Igt.Drivers.Panfrost;
using Igt.Fixtures;
using Xunit.Abstractions;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_known_bugs: proof that the suite catches every panfrost known bug. Each subtest runs the named
/// subtests once on a clean machine (they must pass) and once with the bug switched on (they must fail, for the
/// reason the bug produces: a GPU page fault, a wrong value, a missing errno).
/// </summary>
public sealed class PanfrostKnownBugs(ITestOutputHelper output) : PanfrostTest(output)
{
    [Subtest("mapping-on-object")]
    public void MappingOnObject()
    {
        var closed = Prove<PanfrostGemMapping>("close-handle-while-job-in-flight", KnownBugs.MappingOnObject);
        closed.Evidence.Should().Contain("Unhandled Page fault", "the torn-down mapping makes the in-flight job fault");
        var shared = Prove<PanfrostGemMapping>("shared-bo-two-address-spaces", KnownBugs.MappingOnObject);
        shared.Evidence.Should().MatchRegex("(?s)(written through file|Unhandled Page fault)",
            "the second file's job writes through the first file's VA: wrong BO, or a fault");
    }

    [Subtest("purge-busy-objects")]
    public void PurgeBusyObjects()
    {
        var busy = Prove<PanfrostMadvise>("dontneed-busy-not-purged", KnownBugs.PurgeBusyObjects);
        busy.Evidence.Should().Contain("Unhandled Page fault", "the purge unmapped BOs under the running job");
    }

    [Subtest("leak-stale-contents")]
    public void LeakStaleContents()
    {
        var zeroed = Prove<PanfrostGemNew>("gem-new-zeroed", KnownBugs.LeakStaleContents);
        zeroed.Evidence.Should().MatchRegex("dword \\d+ of a new BO: [1-9]", "a new BO showed old, non-zero contents");
    }

    [Subtest("madvise-shared-bo")]
    public void MadviseSharedBo()
    {
        var shared = Prove<PanfrostMadvise>("dontneed-shared-bo", KnownBugs.MadviseSharedBo);
        shared.Evidence.Should().Contain("to be \"EINVAL\"", "DONTNEED on a shared BO must be refused with -EINVAL");
    }

    private SubtestOutcome Prove<TTest>(string subtest, string bug) where TTest : IgtTest =>
        KnownBugHarness.Prove<TTest>(subtest, Output, $"{KnownBugs.Driver}.{bug}");
}
