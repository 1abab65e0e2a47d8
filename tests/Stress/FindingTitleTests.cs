using Igt.Kernel;
using Igt.Kernel.Printk;
using Igt.Stress.Core;

namespace Igt.Tests.Stress;

/// <summary>Titles from the kernel report shapes KernelReport prints, and from real kernels' text.</summary>
public sealed class FindingTitleTests
{
    private static IReadOnlyList<string> Emit(Action<KernelReport> report)
    {
        var dmesg = new Dmesg();
        dmesg.Printk(LogLevel.Info, "panfrost fde60000.gpu: mali-g52 id 0x7402");
        report(new KernelReport(dmesg));
        return dmesg.ReadAll().Select(r => r.ToKmsg()).ToList();
    }

    [Fact]
    public void KasanFromKernelReport()
    {
        var lines = Emit(r => r.Kasan("use-after-free", "panfrost_mmu_map", 0xffff888001234000, 4, write: false, "kworker/0:1"));
        FindingTitle.FromDmesg(lines).Should().Be("KASAN: use-after-free Read in panfrost_mmu_map");
        var write = Emit(r => r.Kasan("slab-out-of-bounds", "i915_gem_userptr_get_pages", 0x1000, 8, write: true, "igt"));
        FindingTitle.FromDmesg(write).Should().Be("KASAN: slab-out-of-bounds Write in i915_gem_userptr_get_pages");
    }

    [Fact]
    public void WarningFromKernelReport()
    {
        var lines = Emit(r => r.Warn("panfrost_gem_free_object", "WARN_ON_ONCE(!list_empty(&bo->mappings.list))", 42, "igt"));
        FindingTitle.FromDmesg(lines).Should().Be("WARNING in panfrost_gem_free_object");
    }

    [Fact]
    public void OopsFromKernelReport()
    {
        var gpf = Emit(r => r.Oops("general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1]", "etnaviv_gem_free"));
        FindingTitle.FromDmesg(gpf).Should().Be("general protection fault in etnaviv_gem_free");
        var exception = Emit(r => r.OopsFromException(new InvalidOperationException("boom"), "drm_ioctl"));
        FindingTitle.FromDmesg(exception).Should().Be("BUG: unable to handle kernel exception in drm_ioctl");
    }

    [Fact]
    public void BadPageFromKernelReport()
    {
        var lines = Emit(r => r.BadPage(0x1234, "nonzero mapcount", "igt_stress"));
        FindingTitle.FromDmesg(lines).Should().Be("BUG: Bad page state in igt_stress");
    }

    [Fact]
    public void RealKernelText()
    {
        // Shapes copied from real reports (dmesg format, file:line in WARNING, RIP with module).
        FindingTitle.FromDmesg(
        [
            "<4>[  123.456789] WARNING: CPU: 1 PID: 2345 at drivers/gpu/drm/i915/gem/i915_gem_userptr.c:210 i915_gem_userptr_put_pages+0x1c4/0x1f0 [i915]",
            "<4>[  123.456800] Modules linked in: i915",
        ]).Should().Be("WARNING in i915_gem_userptr_put_pages");
        FindingTitle.FromDmesg(
        [
            "[   10.000000] BUG: kernel NULL pointer dereference, address: 0000000000000008",
            "[   10.000001] #PF: supervisor read access in kernel mode",
            "[   10.000002] Oops: 0000 [#1] PREEMPT SMP",
            "[   10.000003] RIP: 0010:drm_sched_job_cleanup+0x2a/0x90 [gpu_sched]",
        ]).Should().Be("BUG: kernel NULL pointer dereference in drm_sched_job_cleanup");
        FindingTitle.FromDmesg(["kernel BUG at mm/page_alloc.c:1234!", "RIP: 0010:free_pages_prepare+0x31/0x60"])
            .Should().Be("kernel BUG in free_pages_prepare");
    }

    [Fact]
    public void FirstReportWinsAndPlainLogsHaveNone()
    {
        var lines = Emit(r =>
        {
            r.Kasan("use-after-free", "etnaviv_iommu_unmap", 0x2000, 4, write: true, "rmmod");
            r.Warn("etnaviv_gem_free_object");
        });
        FindingTitle.FromDmesg(lines).Should().Be("KASAN: use-after-free Write in etnaviv_iommu_unmap");
        FindingTitle.FromDmesg(["panfrost fde60000.gpu: Unhandled Page fault in AS1 at VA 0x00000000DEADBEEF", "[drm] Initialized"])
            .Should().BeNull("a driver's fault message is not a kernel report");
    }
}
