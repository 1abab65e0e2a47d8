using Igt.Kernel.Mm;

namespace Igt.Kernel.Tests;

public sealed class SwapAreaTests
{
    [Fact]
    public void RoundTripAndFull()
    {
        var swap = new SwapArea(2 * 4096);
        var page = new byte[4096];
        page[100] = 7;
        swap.TryWrite(page, out var a).Should().BeTrue();
        swap.TryWrite(page, out _).Should().BeTrue();
        swap.TryWrite(page, out _).Should().BeFalse("two slots only");
        var back = new byte[4096];
        swap.Read(a, back).Should().BeTrue();
        back[100].Should().Be(7);
        swap.UsedPages.Should().Be(2);
    }

    [Fact]
    public void DupKeepsSlotUntilLastFree()
    {
        var swap = new SwapArea(4096);
        swap.TryWrite(new byte[4096], out var a);
        swap.Dup(a);
        swap.Free(a);
        swap.UsedPages.Should().Be(1);
        swap.Free(a);
        swap.UsedPages.Should().Be(0);
    }
}
