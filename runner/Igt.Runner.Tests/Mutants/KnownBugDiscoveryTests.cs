using Igt.Runner.Mutants;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Mutants;

/// <summary>Known bugs come from the built assemblies' *Bugs classes, without a list kept anywhere else.</summary>
public sealed class KnownBugDiscoveryTests
{
    [Fact]
    public void Public_static_bug_classes_give_qualified_names()
    {
        var bugs = KnownBugDiscovery.FromAssembly(typeof(KnownBugDiscoveryTests).Assembly.Location).Select(b => b.Qualified).ToList();

        bugs.Should().BeEquivalentTo("dmabuf.ImportedMmapBypassesExporter", "dmabuf.SyncIoctlNoop", "widget.LeakOnClose", "gizmo.Hang");
    }

    [Theory]
    [InlineData("I915KnownBugs", "Igt.Drivers.I915", "i915")]
    [InlineData("EtnavivKnownBugs", "Igt.Drivers.Etnaviv", "etnaviv")]
    [InlineData("KnownBugs", "Igt.Drivers.Panfrost", "panfrost")]
    [InlineData("DmaBufBugs", "Igt.Drm.Prime", "dmabuf")]
    public void The_driver_of_bare_names_comes_from_the_class_or_namespace(string type, string ns, string driver) =>
        KnownBugDiscovery.DriverFromName(type, ns).Should().Be(driver);

    [Fact]
    public void The_real_drivers_bugs_are_found_beside_a_test_assembly()
    {
        // tests/Meta's output folder holds the harness (every driver) like any test assembly's.
        var bugs = KnownBugDiscovery.FromDirectories([Path.GetDirectoryName(TestPaths.MetaAssembly)!]).Select(b => b.Qualified).ToList();

        bugs.Should().Contain(["panfrost.MappingOnObject", "panfrost.PurgeBusyObjects", "panfrost.LeakStaleContents", "panfrost.MadviseSharedBo",
            "i915.UserptrNoNotifier", "i915.ShrinkBusyObjects", "etnaviv.ExecuteUserCommandBuffer", "etnaviv.SkipRelocBounds",
            "meta.Caught", "meta.Uncaught"]);
        bugs.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        bugs.Should().NotContain(b => b.EndsWith(".Driver", StringComparison.Ordinal));
    }

    [Fact]
    public void Driver_and_bug_pick_from_what_was_found()
    {
        var found = new[] { new KnownBug("panfrost", "A", "x"), new KnownBug("panfrost", "B", "x"), new KnownBug("i915", "A", "y"), new KnownBug("i915", "C", "y") };

        MutantsRunner.Pick(found, ["i915"], []).Select(b => b.Qualified).Should().Equal("i915.A", "i915.C");
        MutantsRunner.Pick(found, [], ["C", "panfrost.A"]).Select(b => b.Qualified).Should().Equal("panfrost.A", "i915.C");
        var ambiguous = () => MutantsRunner.Pick(found, [], ["A"]);
        ambiguous.Should().Throw<Igt.Runner.Settings.UsageException>().WithMessage("--bug: 'A' is ambiguous: panfrost.A, i915.A");
        var unknown = () => MutantsRunner.Pick(found, ["vc4"], []);
        unknown.Should().Throw<Igt.Runner.Settings.UsageException>().WithMessage("--driver: no known bugs for 'vc4'*");
    }
}
