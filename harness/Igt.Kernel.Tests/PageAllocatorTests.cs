using Igt.Kernel.Fault;
using Igt.Kernel.Mm;
using Igt.Kernel.Printk;

namespace Igt.Kernel.Tests;

public sealed class PageAllocatorTests() : KernelFixture(ramBytes: 1L << 20)
{
    private PageAllocator Pages => Machine.Pages;

    [Fact]
    public void BudgetIsExhaustedWithEnomem()
    {
        Pages.TotalPages.Should().Be(256);
        var got = new List<PageRef>();
        while (Pages.Alloc(PageOwner.Kernel, null, GfpFlags.NoReclaim | GfpFlags.NoWarn, out var p) == 0)
            got.Add(p);
        got.Should().HaveCount((int)Pages.TotalPages - (int)Machine.BootUsedPages);
        Pages.Alloc(PageOwner.Kernel, null, GfpFlags.NoWarn, out _).Should().Be(-Errno.ENOMEM);
        foreach (var p in got)
            Pages.Free(p);
        Pages.FreePages.Should().Be(Pages.TotalPages);
    }

    [Fact]
    public void FreedPageIsPoisonedAndReuseIsDetected()
    {
        Pages.Alloc(PageOwner.Kernel, null, GfpFlags.Zero, out var a).Should().Be(0);
        Pages.Data(a)[0] = 0x11;
        Pages.Free(a);
        Pages.Data(a)[0].Should().Be(PageAllocator.PoisonFree);
        Pages.IsCurrent(a).Should().BeFalse();

        // LIFO reuse hands the same frame out again; the stale reference is caught on access.
        Pages.Alloc(PageOwner.Shmem, "someone else", GfpFlags.Zero, out var b).Should().Be(0);
        b.Pfn.Should().Be(a.Pfn);
        Pages.Access(a, "gpu_write", "js0", 0, 4, write: true);
        Machine.Dmesg.ReadAll().Should().Contain(r => r.Text.StartsWith("BUG: KASAN: use-after-free in gpu_write"));
        Machine.Dmesg.Tainted.Should().HaveFlag(Taint.BadPage);
    }

    [Fact]
    public void DoubleFreeIsABadPage()
    {
        Pages.Alloc(PageOwner.Kernel, null, GfpFlags.Zero, out var a);
        Pages.Free(a);
        Pages.Free(a, "test_double_free");
        Machine.Dmesg.ReadAll().Should().Contain(r => r.Text.StartsWith("BUG: Bad page state"));
    }

    [Fact]
    public void PinnedPageOutlivesFreeUntilUnpinned()
    {
        Pages.Alloc(PageOwner.Anon, null, GfpFlags.Zero, out var a);
        Pages.Pin(a);
        Pages.Free(a);
        Pages.IsCurrent(a).Should().BeTrue("a pinned page is freed by the last unpin");
        Pages.Unpin(a);
        Pages.IsCurrent(a).Should().BeFalse();
    }

    [Fact]
    public void FailNthAllocation()
    {
        Machine.Faults.FailNth(FaultSites.AllocPage, 2);
        Pages.Alloc(PageOwner.Kernel, null, 0, out _).Should().Be(0);
        Pages.Alloc(PageOwner.Kernel, null, 0, out _).Should().Be(-Errno.ENOMEM);
        Pages.Alloc(PageOwner.Kernel, null, 0, out _).Should().Be(0);
    }

    [Fact]
    public void DirectReclaimCallsShrinkers()
    {
        var held = new Stack<PageRef>();
        var shrinker = new TestShrinker(Pages, held);
        Pages.RegisterShrinker(shrinker);
        while (Pages.Alloc(PageOwner.Kernel, null, GfpFlags.NoReclaim | GfpFlags.NoWarn, out var p) == 0)
            held.Push(p);
        // With reclaim allowed, the shrinker gives pages back.
        Pages.Alloc(PageOwner.Kernel, null, 0, out _).Should().Be(0);
        shrinker.Scans.Should().BeGreaterThan(0);
        Pages.VmStat["pgsteal_direct"].Should().BeGreaterThan(0);
        Pages.VmStat["allocstall"].Should().BeGreaterThan(0);
    }

    private sealed class TestShrinker(PageAllocator pages, Stack<PageRef> held) : Shrinker("test")
    {
        public int Scans { get; private set; }

        public override long CountObjects(ShrinkControl sc) => held.Count;

        public override long ScanObjects(ShrinkControl sc)
        {
            Scans++;
            long n = 0;
            while (n < sc.NrToScan && held.Count > 0)
            {
                pages.Free(held.Pop());
                n++;
            }
            return n;
        }
    }
}
