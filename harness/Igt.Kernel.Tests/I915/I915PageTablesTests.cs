using Igt.Drivers.I915.Gt;
using Igt.Kernel.Mm;

namespace Igt.Kernel.Tests.I915;

/// <summary>The emulated gen8 page tables: entries live in emulated memory and GPU accesses are KASAN-checked.</summary>
public sealed class I915PageTablesTests : KernelFixture
{
    [Fact]
    public void EntryCarriesPfnAndGeneration()
    {
        var p = new PageRef(0x1234, 0xdeadbeef);
        var e = I915PageTables.Encode(p, writable: false);
        (e & I915PageTables.PteValid).Should().NotBe(0);
        (e & I915PageTables.PteRw).Should().Be(0);
        I915PageTables.Decode(e).Should().Be(p);
    }

    [Fact]
    public void TranslatesThroughFourLevelsAllocatedOnDemand()
    {
        I915PageTables.Create(Machine.Pages, this, out var pt).Should().Be(0);
        var before = Machine.Pages.PagesOwnedBy(PageOwner.PageTable);
        Machine.Pages.Alloc(PageOwner.Kernel, this, GfpFlags.Zero, out var page).Should().Be(0);
        const ulong va = 0x0000_7f12_3456_7000;
        pt!.Populate(va, 4096, this).Should().Be(0);
        Machine.Pages.PagesOwnedBy(PageOwner.PageTable).Should().Be(before + 3, "a PDP, a PD and a PT for one page");
        lock (pt.Lock)
            pt.Insert(va, [page], writable: true);
        pt.Translate(va, "rcs0", out var got, out var rw).Should().BeTrue();
        got.Should().Be(page);
        rw.Should().BeTrue();
        pt.Translate(va + 4096, "rcs0", out _, out _).Should().BeFalse("the next page has no PTE (scratch)");
        lock (pt.Lock)
            pt.Clear(va, 1);
        pt.Translate(va, "rcs0", out _, out _).Should().BeFalse();
        pt.Release();
        Machine.Pages.PagesOwnedBy(PageOwner.PageTable).Should().Be(before - 1, "every table page, the PML4 too, is freed");
    }

    [Fact]
    public void AStalePteIsAUseAfterFreeWhenTheGpuUsesIt()
    {
        I915PageTables.Create(Machine.Pages, this, out var pt).Should().Be(0);
        Machine.Pages.Alloc(PageOwner.Kernel, this, GfpFlags.Zero, out var page).Should().Be(0);
        pt!.Populate(0x100000, 4096, this).Should().Be(0);
        lock (pt.Lock)
            pt.Insert(0x100000, [page], writable: true);
        Machine.Pages.Free(page, "test_free");
        pt.Translate(0x100000, "bcs0", out var stale, out _).Should().BeTrue("nobody cleared the PTE");
        Machine.Pages.Access(stale, "i915_blt_xy_src_copy", "bcs0", 0, 4, write: true);
        Machine.Dmesg.ReadAll().Select(r => r.Text).Should().Contain(t => t.StartsWith("BUG: KASAN: use-after-free in i915_blt_xy_src_copy"));
        pt.Release();
    }
}
