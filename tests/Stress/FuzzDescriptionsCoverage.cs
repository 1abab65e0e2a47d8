using Igt.Drm;
using Igt.Drm.Ioctl;
using Igt.Stress.Fuzz;

namespace Igt.Tests.Stress;

/// <summary>
/// Every ioctl of every table (the core drm_ioctls[] and each driver's) has a fuzz description with the same
/// request number, so a new ioctl cannot go unfuzzed.
/// </summary>
public sealed class FuzzDescriptionsCoverage
{
    [Fact]
    public void CoreTableIsDescribed() =>
        Missing(DrmIoctl.CoreIoctls, CoreDescriptions.All).Should().BeEmpty("each core ioctl needs a description in CoreDescriptions");

    [Theory]
    [InlineData("vgem")]
    [InlineData("panfrost")]
    [InlineData("etnaviv")]
    [InlineData("i915")]
    public void DriverTableIsDescribed(string target)
    {
        var t = FuzzTarget.Get(target);
        using var machine = FuzzProgram.Boot(t, 1, []);
        var table = machine.Devices.OfType<DrmDevice>().Single().Driver.Ioctls.OfType<DrmIoctlDesc>().ToList();
        table.Should().NotBeEmpty();
        Missing(table, t.Ioctls).Should().BeEmpty($"each {target} ioctl needs a description");
        Missing(DrmIoctl.CoreIoctls, t.Ioctls).Should().BeEmpty($"the {target} target fuzzes the core ioctls too");
    }

    [Fact]
    public void DescriptionsFitTheirStructs()
    {
        foreach (var d in FuzzTarget.Names.SelectMany(n => FuzzTarget.Get(n).Ioctls))
        {
            d.Arg.Size.Should().Be((int)Igt.Drm.Uapi.Ioc.Size(d.Cmd), $"{d.Name}: struct size is the one in the request number");
            foreach (var f in d.Arg.Fields)
                (f.Offset + f.Size).Should().BeLessThanOrEqualTo(d.Arg.Size, $"{d.Name}.{f.Name} lies inside the struct");
        }
    }

    private static List<string> Missing(IEnumerable<DrmIoctlDesc> table, IReadOnlyList<Igt.Stress.Fuzz.FuzzIoctl> described) =>
        table.Where(e => !described.Any(d => d.Name == e.Name && d.Cmd == e.Cmd))
            .Select(e => $"{e.Name} (0x{e.Cmd:x8})").ToList();
}
