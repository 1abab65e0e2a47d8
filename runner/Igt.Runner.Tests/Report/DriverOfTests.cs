using Igt.Runner.Report;

namespace Igt.Runner.Tests.Report;

public sealed class DriverOfTests
{
    [Theory]
    [InlineData("igt@panfrost_submit@pan-submit", "panfrost")]
    [InlineData("igt@etnaviv_bo@basic", "etnaviv")]
    [InlineData("igt@gem_exec_basic@basic", "i915")]
    [InlineData("igt@i915_query@engines", "i915")]
    [InlineData("igt@core_getversion@basic", "core")]
    [InlineData("igt@vgem@basic", "vgem")]
    public void The_driver_is_the_binary_prefix(string test, string driver) => DriverOf.Test(test).Should().Be(driver);
}
