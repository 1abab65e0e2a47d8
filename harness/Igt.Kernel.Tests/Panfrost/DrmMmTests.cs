using Igt.Drivers.Panfrost;

namespace Igt.Kernel.Tests.Panfrost;

/// <summary>The drm_mm range allocator behind panfrost's GPU VA space: best fit, any alignment, colour adjust.</summary>
public sealed class DrmMmTests
{
    [Fact]
    public void BestFitTakesTheSmallestHole()
    {
        var mm = new DrmMm(100, 1000);
        mm.Insert(10, 0, 0, out var a).Should().Be(0);
        mm.Insert(50, 0, 0, out var b).Should().Be(0);
        mm.Insert(5, 0, 0, out var c).Should().Be(0);
        mm.Insert(10, 0, 0, out _).Should().Be(0);
        mm.Remove(a!);
        mm.Remove(c!);
        // Holes: [100,110) of 10 and [160,165) of 5, then the big tail: 4 pages go into the 5-page hole.
        mm.Insert(4, 0, 0, out var d).Should().Be(0);
        d!.Start.Should().Be(160);
        b!.Start.Should().Be(110);
    }

    [Fact]
    public void AlignmentNeedNotBeAPowerOfTwo()
    {
        var mm = new DrmMm(8192, 1 << 20);
        mm.Insert(3, 3, 0, out var n).Should().Be(0);
        (n!.Start % 3).Should().Be(0);
        n.Start.Should().BeGreaterThanOrEqualTo(8192);
    }

    [Fact]
    public void FullSpaceIsEnospc()
    {
        var mm = new DrmMm(0, 16);
        mm.Insert(16, 0, 0, out _).Should().Be(0);
        mm.Insert(1, 0, 0, out var none).Should().Be(-Errno.ENOSPC);
        none.Should().BeNull();
    }

    [Fact]
    public void FindLocatesTheCoveringNode()
    {
        var mm = new DrmMm(0, 100);
        mm.Insert(10, 0, 0, out var a).Should().Be(0);
        mm.Insert(10, 0, 0, out var b).Should().Be(0);
        mm.Find(5).Should().BeSameAs(a);
        mm.Find(15).Should().BeSameAs(b);
        mm.Find(25).Should().BeNull();
    }

    [Fact]
    public void ColourAdjustNarrowsHoles()
    {
        var mm = new DrmMm(0, 100) { Adjust = (ulong color, ref ulong start, ref ulong end) => { if (color == 1) start += 7; } };
        mm.Insert(4, 0, 1, out var n).Should().Be(0);
        n!.Start.Should().Be(7);
    }
}
