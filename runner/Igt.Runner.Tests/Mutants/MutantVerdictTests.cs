using Igt.Runner.Mutants;
using Igt.Runner.Results;

namespace Igt.Runner.Tests.Mutants;

/// <summary>Catching means failing with the bug and not without it; the scope of each bug; the proof tests left out.</summary>
public sealed class MutantVerdictTests
{
    [Theory]
    [InlineData(TestStatus.Pass, TestStatus.Fail, true)]
    [InlineData(TestStatus.Pass, TestStatus.DmesgWarn, true)]
    [InlineData(TestStatus.Pass, TestStatus.Timeout, true)]
    [InlineData(TestStatus.Skip, TestStatus.Crash, true)]
    [InlineData(TestStatus.Pass, TestStatus.Pass, false)]
    [InlineData(TestStatus.Pass, TestStatus.Skip, false)]
    [InlineData(TestStatus.Pass, TestStatus.NotRun, false)]
    [InlineData(TestStatus.Fail, TestStatus.Fail, false)]
    [InlineData(TestStatus.Warn, TestStatus.Fail, false)]
    public void A_test_catches_a_bug_when_it_fails_only_with_the_bug(TestStatus clean, TestStatus withBug, bool catches) =>
        MutantVerdict.Catches(clean, withBug).Should().Be(catches);

    [Fact]
    public void A_test_missing_from_the_clean_run_catches_nothing() =>
        MutantVerdict.Catches(null, TestStatus.Fail).Should().BeFalse();

    [Fact]
    public void A_bug_runs_against_its_drivers_tests_and_core()
    {
        string[] all = ["/b/Igt.Tests.Panfrost.dll", "/b/Igt.Tests.Core.dll", "/b/Igt.Tests.I915.dll"];

        MutantScope.AssembliesFor(new KnownBug("panfrost", "X", ""), all).Should().Equal("/b/Igt.Tests.Panfrost.dll", "/b/Igt.Tests.Core.dll");
        MutantScope.AssembliesFor(new KnownBug("dmabuf", "X", ""), all).Should().Equal("/b/Igt.Tests.Core.dll");
        MutantScope.AssembliesFor(new KnownBug("dmabuf", "X", ""), ["/b/Igt.Tests.Vgem.dll"]).Should().Equal("/b/Igt.Tests.Vgem.dll");
        MutantScope.ProjectServes("/r/tests/Panfrost/Igt.Tests.Panfrost.csproj", ["panfrost"]).Should().BeTrue();
        MutantScope.ProjectServes("/r/tests/Stress/Igt.Tests.Stress.csproj", ["panfrost"]).Should().BeFalse();
        MutantScope.ProjectServes("/r/tests/Core/Igt.Tests.Core.csproj", []).Should().BeTrue();
    }

    [Theory]
    [InlineData("igt@panfrost_known_bugs@mapping-on-object", true)]
    [InlineData("igt@i915_known_bugs@userptr-no-notifier", true)]
    [InlineData("igt@panfrost_gem_new@gem-new-zeroed", false)]
    public void Self_proving_known_bug_tests_are_left_out(string test, bool excluded) =>
        MutantScope.ProofTestPattern().IsMatch(test).Should().Be(excluded);
}
