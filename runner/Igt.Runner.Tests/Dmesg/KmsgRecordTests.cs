using Igt.Runner.Dmesg;

namespace Igt.Runner.Tests.Dmesg;

public sealed class KmsgRecordTests
{
    [Fact]
    public void Parses_the_dev_kmsg_format()
    {
        var r = KmsgRecord.Parse("12,345,6789,c;hello; world")!;
        r.Level.Should().Be(4, "the facility bits above the level are masked off");
        r.Seq.Should().Be(345UL);
        r.TimestampUs.Should().Be(6789);
        r.Continuation.Should().BeTrue();
        r.Message.Should().Be("hello; world");
    }

    [Theory]
    [InlineData("")]
    [InlineData("no header here")]
    [InlineData("x,1,2,-;msg")]
    [InlineData("4,1;msg")]
    public void Rejects_lines_that_are_not_records(string line)
    {
        KmsgRecord.Parse(line).Should().BeNull();
    }

    [Fact]
    public void Decodes_hex_escapes()
    {
        KmsgRecord.Parse("6,1,1,-;a\\x0ab\\x5c")!.Message.Should().Be("a\nb\\");
        KmsgRecord.Parse("6,1,1,-;trailing \\x4")!.Message.Should().Be("trailing \\x4");
    }
}
