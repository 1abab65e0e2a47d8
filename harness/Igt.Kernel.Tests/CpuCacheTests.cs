using Igt.Kernel.Mm;

namespace Igt.Kernel.Tests;

/// <summary>The non-coherent CPU cache model: wrong data without maintenance, right data with it.</summary>
public sealed class CpuCacheTests() : KernelFixture
{
    private (PageRef Page, CpuCache Cache) Setup()
    {
        Machine.Pages.Alloc(PageOwner.Shmem, null, GfpFlags.Zero, out var p).Should().Be(0);
        return (p, Machine.Pages.CpuCache);
    }

    private Span<byte> Mem(PageRef p) => Machine.Pages.Data(p);

    [Fact]
    public void CpuWriteStaysInCacheUntilCleaned()
    {
        var (p, cache) = Setup();
        cache.Write(p, Mem(p), 8, new byte[] { 1, 2, 3, 4 });
        Mem(p)[8].Should().Be(0, "a device reading memory does not see the dirty line");
        cache.Clean(p);
        Mem(p)[8].Should().Be(1);
    }

    [Fact]
    public void DeviceWriteInvisibleUntilInvalidated()
    {
        var (p, cache) = Setup();
        var buf = new byte[4];
        cache.Read(p, Mem(p), 0, buf); // the line is now cached
        Mem(p)[0] = 0x55; // device writes memory
        cache.Read(p, Mem(p), 0, buf);
        buf[0].Should().Be(0, "stale line");
        cache.Invalidate(p);
        cache.Read(p, Mem(p), 0, buf);
        buf[0].Should().Be(0x55);
    }

    [Fact]
    public void InvalidateDropsDirtyData()
    {
        var (p, cache) = Setup();
        cache.Write(p, Mem(p), 0, new byte[] { 9 });
        cache.Invalidate(p);
        Mem(p)[0].Should().Be(0, "invalidating without cleaning loses the CPU's write, as on hardware");
    }

    [Fact]
    public void FreeDropsLines()
    {
        var (p, cache) = Setup();
        cache.Write(p, Mem(p), 0, new byte[] { 9 });
        Machine.Pages.Free(p);
        cache.LineCount.Should().Be(0);
    }
}
