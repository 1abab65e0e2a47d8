using Igt.Kernel.Mm;

namespace Igt.Kernel.Tests;

/// <summary>Contiguous and address-limited allocations (CMA, DMA masks) and the constraint algebra.</summary>
public sealed class ConstrainedAllocTests() : KernelFixture
{
    private PageAllocator Pages => Machine.Pages;

    private PageRef[] Singles(int n)
    {
        var pages = new PageRef[n];
        for (var i = 0; i < n; i++)
            Pages.Alloc(PageOwner.Kernel, null, GfpFlags.Kernel, out pages[i]).Should().Be(0);
        return pages;
    }

    [Fact]
    public void ContiguousSkipsScatteredFreeFrames()
    {
        var singles = Singles(64);
        for (var i = 0; i < singles.Length; i += 2)
            Pages.Free(singles[i]);
        Pages.AllocConstrained(16, contiguous: true, ulong.MaxValue, PageOwner.Cma, null, GfpFlags.Zero, out var run).Should().Be(0);
        for (var i = 1; i < run.Length; i++)
            run[i].Pfn.Should().Be(run[i - 1].Pfn + 1, "a CMA run is physically contiguous");
        run.Should().OnlyContain(p => Pages.OwnerOf(p.Pfn) == PageOwner.Cma);
        new DmaConstraints(true, true, ulong.MaxValue).IsSatisfiedBy(run).Should().BeTrue();
    }

    [Fact]
    public void AddressLimitIsHonouredAndFailureLeavesNothingAllocated()
    {
        var limit = 64UL * PageAllocator.PageSize;
        var before = Pages.FreePages;
        Pages.AllocConstrained(8, contiguous: false, limit, PageOwner.Cma, null, GfpFlags.NoWarn, out var low).Should().Be(0);
        low.Should().OnlyContain(p => p.PhysAddr < limit);
        Pages.AllocConstrained(1000, contiguous: false, limit, PageOwner.Cma, null, GfpFlags.NoWarn | GfpFlags.NoReclaim, out var none)
            .Should().Be(-Errno.ENOMEM);
        none.Should().BeEmpty();
        Pages.FreePages.Should().Be(before - 8, "the failed request took nothing");
        foreach (var p in low)
            Pages.Free(p);
        Pages.FreePages.Should().Be(before);
    }

    [Fact]
    public void UnionTakesTheStricterOfEach()
    {
        var a = new DmaConstraints(true, false, 1UL << 30);
        var b = new DmaConstraints(false, true, ulong.MaxValue);
        a.Union(b).Should().Be(new DmaConstraints(false, true, 1UL << 30));
        var scattered = new[] { new PageRef(10, 0), new PageRef(12, 0) };
        b.IsSatisfiedBy(scattered).Should().BeFalse();
        new DmaConstraints(true, false, 12UL * PageAllocator.PageSize).IsSatisfiedBy(scattered).Should().BeFalse("pfn 12 ends above the limit");
    }
}
