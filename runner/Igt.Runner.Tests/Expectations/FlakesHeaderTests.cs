using Igt.Runner.Expectations;
using Igt.Runner.Settings;

namespace Igt.Runner.Tests.Expectations;

/// <summary>drm-ci: every flakes entry carries the Bug Report / Board / Linux / IGT / Failure Rate header.</summary>
public sealed class FlakesHeaderTests
{
    private const string Header = """
        # Bug Report: https://gitlab.freedesktop.org/drm/misc/kernel/-/issues/1
        # Board Name: mali-g52
        # Linux Version: 6.9.0-rc7
        # IGT Version: 1.28-g0df7b9b97
        # Failure Rate: 20
        """;

    [Fact]
    public void A_flakes_entry_without_its_header_is_rejected()
    {
        var act = () => ExpectationParser.ParseFlakes("panfrost_submit@pan-unhandled-pagefault\n", "panfrost-g52-flakes.txt");

        act.Should().Throw<UsageException>().WithMessage("panfrost-g52-flakes.txt:1: flakes entry*lacks drm-ci's comment header*Bug Report*");
    }

    [Fact]
    public void A_header_missing_one_field_is_rejected()
    {
        var text = Header.Replace("# Failure Rate: 20", "# Failure Rate:", StringComparison.Ordinal) + "\npanfrost_submit@a\n";

        var act = () => ExpectationParser.ParseFlakes(text, "f.txt");

        act.Should().Throw<UsageException>().WithMessage("*missing: Failure Rate)");
    }

    [Fact]
    public void Entries_under_a_header_share_it_and_a_blank_line_ends_the_group()
    {
        ExpectationParser.ParseFlakes(Header + "\npanfrost_submit@a\npanfrost_submit@b.*\n", "f.txt").Should().HaveCount(2);

        var act = () => ExpectationParser.ParseFlakes(Header + "\npanfrost_submit@a\n\npanfrost_submit@orphan\n", "f.txt");
        act.Should().Throw<UsageException>().WithMessage("f.txt:8: flakes entry 'panfrost_submit@orphan'*");
    }

    [Fact]
    public void File_names_follow_drm_ci()
    {
        ExpectationFileName.TryParse("msm-sc7180-trogdor-kingoftown-flakes.txt")
            .Should().Be(new ExpectationFileName("msm", "sc7180-trogdor-kingoftown", ExpectationKind.Flakes));
        ExpectationFileName.TryParse("panfrost-g52-fails.txt")!.Kind.Should().Be(ExpectationKind.Fails);
        ExpectationFileName.TryParse("README.md").Should().BeNull();
    }
}
