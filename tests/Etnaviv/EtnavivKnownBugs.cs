using Igt.Drivers.Etnaviv;
using Igt.Fixtures;
using Xunit.Abstractions;
using Bugs = Igt.Drivers.Etnaviv.EtnavivKnownBugs;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_known_bugs: proof that the suite catches every known etnaviv bug. Each subtest runs the subtest that
/// should catch the bug on a clean machine (it must pass) and on one with the bug (it must fail, for the right
/// reason).
/// </summary>
public sealed class EtnavivKnownBugs(ITestOutputHelper output)
{
    private static string Bug(string name) => $"{Bugs.Driver}.{name}";

    private void Prove<TTest>(string subtest, string bug, params string[] evidence) where TTest : IgtTest
    {
        var buggy = KnownBugHarness.Prove<TTest>(subtest, output, Bug(bug));
        foreach (var e in evidence)
            buggy.Evidence.Should().Contain(e, $"{buggy.IgtName} catches {bug} for the right reason");
    }

    [Subtest("execute-user-command-buffer")]
    public void ExecuteUserCommandBuffer() =>
        Prove<EtnavivSubmitRace>("submit-then-change", Bugs.ExecuteUserCommandBuffer, "GPU executed a command stream that changed after validation");

    [Subtest("unload-with-open-objects")]
    public void UnloadWithOpenObjects() =>
        Prove<EtnavivUnbind>("unbind-with-open-objects", Bugs.UnloadWithOpenObjects, "BUG: KASAN: use-after-free");

    [Subtest("unload-with-open-objects-job-in-flight")]
    public void UnloadWithOpenObjectsJobInFlight() =>
        Prove<EtnavivUnbind>("unbind-with-job-in-flight", Bugs.UnloadWithOpenObjects, "BUG: KASAN: use-after-free");

    [Subtest("lock-across-user-faults")]
    public void LockAcrossUserFaults() =>
        Prove<EtnavivSubmitRace>("concurrent-submit-while-faulting", Bugs.LockAcrossUserFaults, "a lock is held across user faults");

    [Subtest("eager-page-allocation")]
    public void EagerPageAllocation() =>
        Prove<EtnavivLazyAlloc>("lazy-allocation", Bugs.EagerPageAllocation, "touching one page of a 1080p buffer allocates that page only");

    [Subtest("skip-reloc-bounds")]
    public void SkipRelocBounds() =>
        Prove<EtnavivSubmitBad>("reloc-out-of-bounds", Bugs.SkipRelocBounds, "the relocated address is past the BO");
}
