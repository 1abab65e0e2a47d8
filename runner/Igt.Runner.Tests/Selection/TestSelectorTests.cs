using Igt.Runner.Selection;
using Igt.Runner.Settings;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Selection;

public sealed class TestSelectorTests
{
    private static readonly string[] Discovered =
    [
        "igt@core_getversion@basic", "igt@panfrost_submit@pan-submit", "igt@panfrost_submit@pan-reset",
        "igt@panfrost_gem_new@gem-new-4096", "igt@gem_userptr_blits@forked-sync-interruptible",
    ];

    [Fact]
    public void Everything_discovered_by_default_sanity_first()
    {
        TestSelector.Select(Discovered, new TestSelection { Sanity = "igt@core_getversion@basic" })
            .Should().Equal(Discovered);
    }

    [Fact]
    public void Include_and_exclude_are_case_insensitive_searches()
    {
        var sel = new TestSelection { Include = ["PANFROST"], Exclude = ["reset$"] };
        TestSelector.Select(Discovered, sel).Should().Equal("igt@panfrost_submit@pan-submit", "igt@panfrost_gem_new@gem-new-4096");
    }

    [Fact]
    public void Sanity_test_survives_every_filter()
    {
        var sel = new TestSelection { Include = ["userptr"], Exclude = ["core"], Sanity = "igt@core_getversion@basic" };
        TestSelector.Select(Discovered, sel).Should().Equal("igt@core_getversion@basic", "igt@gem_userptr_blits@forked-sync-interruptible");
    }

    [Fact]
    public void A_missing_sanity_test_is_a_usage_error()
    {
        var act = () => TestSelector.Select(Discovered, new TestSelection { Sanity = "igt@core_getversion@all-cards" });
        act.Should().Throw<UsageException>().WithMessage("*sanity test igt@core_getversion@all-cards was not found*");
    }

    [Fact]
    public void Test_list_keeps_its_order_and_expands_binaries()
    {
        using var tmp = new TempDir();
        var file = tmp.Write("list.txt", "# fast feedback\nigt@panfrost_submit\n\nigt@core_getversion@basic  # sanity\n");
        var sel = new TestSelection { TestList = TestListFile.Parse(file) };
        TestSelector.Select(Discovered, sel).Should().Equal(
            "igt@panfrost_submit@pan-submit", "igt@panfrost_submit@pan-reset", "igt@core_getversion@basic");
    }

    [Fact]
    public void Blocklist_entries_apply_to_test_list_entries()
    {
        using var tmp = new TempDir();
        var list = tmp.Write("list.txt", "igt@panfrost_submit\n");
        var block = tmp.Write("block.txt", "# hangs the board, see #12\nigt@panfrost_submit@pan-reset\n");
        var sel = new TestSelection { TestList = TestListFile.Parse(list), Exclude = RegexListFile.Parse(block, "--blocklist") };
        TestSelector.Select(Discovered, sel).Should().Equal("igt@panfrost_submit@pan-submit");
    }

    [Fact]
    public void Unknown_test_names_are_usage_errors_with_the_line()
    {
        using var tmp = new TempDir();
        var file = tmp.Write("list.txt", "igt@core_getversion@basic\nigt@panfrost_submit@pan-subnit\n");
        var act = () => TestSelector.Select(Discovered, new TestSelection { TestList = TestListFile.Parse(file) });
        act.Should().Throw<UsageException>().WithMessage($"{file}:2: unknown test igt@panfrost_submit@pan-subnit*pan-submit*");
    }

    [Theory]
    [InlineData("panfrost_submit@pan-submit")]
    [InlineData("igt@a@b@c")]
    [InlineData("igt@with space@x")]
    public void Malformed_test_list_lines_are_usage_errors(string line)
    {
        using var tmp = new TempDir();
        var file = tmp.Write("list.txt", line + "\n");
        var act = () => TestListFile.Parse(file);
        act.Should().Throw<UsageException>().WithMessage($"{file}:1: *is not a test name*");
    }

    [Fact]
    public void Missing_files_and_bad_regexes_are_usage_errors()
    {
        var missing = () => TestListFile.Parse("/nonexistent/list.txt");
        missing.Should().Throw<UsageException>().WithMessage("--test-list: file not found: /nonexistent/list.txt");
        using var tmp = new TempDir();
        var file = tmp.Write("block.txt", "ok\n(unclosed\n");
        var bad = () => RegexListFile.Parse(file, "--blocklist");
        bad.Should().Throw<UsageException>().WithMessage($"{file}:2: bad regex '(unclosed'*");
    }
}
