using Igt.Kernel.Printk;

namespace Igt.Kernel.Tests;

public sealed class DmesgTests
{
    [Fact]
    public void KmsgFormatRoundTrips()
    {
        var d = new Dmesg();
        var r = d.Printk(LogLevel.Warning, "hello, world; with semicolon");
        var line = r.ToKmsg();
        line.Should().StartWith("4,0,").And.Contain(",-;hello");
        LogRecord.ParseKmsg(line).Should().Be(r);
    }

    [Fact]
    public void ReaderSeesOnlyWhatFollows()
    {
        var d = new Dmesg();
        d.Printk(LogLevel.Info, "before");
        var reader = d.OpenReader();
        d.Printk(LogLevel.Err, "after");
        reader.ReadNew().Select(r => r.Text).Should().Equal("after");
        reader.ReadNew().Should().BeEmpty();
    }

    [Fact]
    public void RingOverflowReportsLoss()
    {
        var d = new Dmesg(capacity: 4);
        for (var i = 0; i < 10; i++)
            d.Printk(LogLevel.Info, $"m{i}");
        var recs = d.ReadFrom(0, out var lost);
        lost.Should().BeTrue();
        recs.Select(r => r.Text).Should().Equal("m6", "m7", "m8", "m9");
    }

    [Fact]
    public void WarnAndOopsTaint()
    {
        var d = new Dmesg();
        var k = new KernelReport(d);
        k.Warn("panfrost_job_run");
        k.Oops("BUG: kernel NULL pointer dereference, address: 0000000000000010", "etnaviv_gem_free");
        d.Tainted.Should().Be(Taint.Warn | Taint.Die);
        d.Tainted.ToTaintString().Should().Be("Tainted: G      D W");
        d.ReadAll().Should().Contain(r => r.Text.StartsWith("WARNING: CPU: 0 PID: 0 at panfrost_job_run+0x"));
        d.ReadAll().Should().Contain(r => r.Text == "Oops: 0000 [#1] PREEMPT SMP");
    }
}
