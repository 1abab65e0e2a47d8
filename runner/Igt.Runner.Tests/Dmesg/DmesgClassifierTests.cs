using Igt.Runner.Dmesg;

namespace Igt.Runner.Tests.Dmesg;

public sealed class DmesgClassifierTests
{
    private static DmesgExcerpt Classify(string kmsg, DmesgPolicy? policy = null, string subtest = "sub") =>
        new DmesgClassifier(policy ?? DmesgPolicy.Default).Classify(kmsg, subtest);

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(7, false)]
    public void Default_threshold_is_kern_warning(int level, bool warns)
    {
        Classify($"{level},1,10,-;drm: something\n").HasWarnings.Should().Be(warns);
    }

    [Fact]
    public void Threshold_is_configurable()
    {
        var strict = new DmesgPolicy(3, false, []);
        Classify("4,1,10,-;WARNING: at foo\n", strict).HasWarnings.Should().BeFalse();
        Classify("3,1,10,-;error\n", strict).HasWarnings.Should().BeTrue();
    }

    [Fact]
    public void Continuation_records_never_warn()
    {
        Classify("4,1,10,c;continued\n").HasWarnings.Should().BeFalse();
    }

    [Theory]
    [InlineData("Setting dangerous option enable_guc - tainting kernel")]
    [InlineData("usb usb1: root hub lost power or was reset")]
    [InlineData("IRQ 12: no longer affine to CPU3")]
    [InlineData("i915: probe of 0000:00:02.0 failed with error -25")]
    public void Allow_list_messages_do_not_warn(string message)
    {
        Classify($"4,1,10,-;{message}\n").HasWarnings.Should().BeFalse();
    }

    [Fact]
    public void Extra_allow_patterns_extend_the_list()
    {
        var policy = new DmesgPolicy(4, false, ["^panfrost .*: GPU is idle$"]);
        Classify("4,1,10,-;panfrost ff9a0000.gpu: GPU is idle\n", policy).HasWarnings.Should().BeFalse();
        Classify("4,1,10,-;panfrost ff9a0000.gpu: GPU is idle\n").HasWarnings.Should().BeTrue();
    }

    [Fact]
    public void Ignore_regex_holds_until_the_next_subtest_starts()
    {
        var kmsg = "6,1,1,-;[IGT] bin: starting subtest sub\n" +
                   "6,2,2,-;[IGT] add ignored dmesg regex: known noise\n" +
                   "4,3,3,-;known noise here\n" +
                   "6,4,4,-;[IGT] bin: starting subtest sub\n" +
                   "4,5,5,-;known noise again\n";
        var e = Classify(kmsg);
        e.Warnings.Should().NotContain("noise here").And.Contain("noise again");
    }

    [Fact]
    public void A_broken_ignore_regex_ignores_nothing()
    {
        var e = Classify("6,1,1,-;[IGT] add ignored dmesg regex: (unclosed\n4,2,2,-;WARNING (unclosed\n");
        e.HasWarnings.Should().BeTrue();
    }

    [Fact]
    public void Lines_of_other_subtests_are_not_ours()
    {
        var kmsg = "6,1,1,-;[IGT] bin: starting subtest other\n3,2,2,-;their error\n";
        var e = Classify(kmsg);
        e.Dmesg.Should().BeEmpty();
        e.HasWarnings.Should().BeFalse();
    }

    [Fact]
    public void Piglit_style_counts_only_drm_messages()
    {
        var piglit = new DmesgPolicy(5, true, []);
        Classify("5,1,1,-;[drm] notice\n", piglit).HasWarnings.Should().BeTrue();
        Classify("4,1,1,-;i915_gem_object: oops\n", piglit).HasWarnings.Should().BeTrue();
        Classify("3,1,1,-;ext4: error\n", piglit).HasWarnings.Should().BeFalse();
    }

    [Fact]
    public void Lines_are_formatted_like_igt_results()
    {
        Classify("4,7,1234567,-;WARNING: x\n").Warnings.Should().Be("<4> [1.234567] WARNING: x\n");
    }
}
