using Igt.Runner.Discovery;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Discovery;

public sealed class DiscoveryCacheTests
{
    [Fact]
    public void A_rebuilt_assembly_is_listed_again()
    {
        using var tmp = new TempDir();
        var dll = tmp.Write("fake.dll", "v1");
        DiscoveryCache.For(dll).TryRead().Should().BeNull();
        DiscoveryCache.For(dll).Write(["igt@a@one", "igt@a@two"]);
        DiscoveryCache.For(dll).TryRead().Should().Equal("igt@a@one", "igt@a@two");

        File.WriteAllText(dll, "version 2");
        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(1));
        DiscoveryCache.For(dll).TryRead().Should().BeNull("size and write time changed");
    }

    [Fact]
    public void Projects_under_tests_are_found_and_meta_is_opt_in()
    {
        using var tmp = new TempDir();
        tmp.Write("Igt.sln", "");
        tmp.Write("tests/Core/Igt.Tests.Core.csproj", "<Project />");
        tmp.Write("tests/Meta/Igt.Tests.Meta.csproj", "<Project />");
        tmp.Write("tests/Core/obj/Stale.csproj", "<Project />");
        TestProjects.FindRepoRoot(tmp.Combine("tests", "Core")).Should().Be(tmp.Path);
        TestProjects.Default(tmp.Path).Select(Path.GetFileName).Should().Equal("Igt.Tests.Core.csproj");
        TestProjects.Resolve(tmp.Combine("tests", "Meta")).Should().EndWith("Igt.Tests.Meta.csproj");
    }
}
