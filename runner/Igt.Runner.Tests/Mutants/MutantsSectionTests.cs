using Igt.Runner.Mutants;

namespace Igt.Runner.Tests.Mutants;

/// <summary>The matrix in the report and the console table: catching tests per bug, uncaught bugs marked, text escaped.</summary>
public sealed class MutantsSectionTests
{
    public static MutantsFile Sample() => new()
    {
        Seed = "0x2a",
        WallSeconds = 12.5,
        Excluded = [MutantScope.ProofTests],
        CleanTests = 4,
        CleanFailures = [new MutantCatch("igt@panfrost_gem@flaky", "fail")],
        Bugs =
        [
            new MutantResult
            {
                Bug = "panfrost.MappingOnObject", Driver = "panfrost", Tests = 4, Scope = ["Igt.Tests.Panfrost.dll"],
                CaughtBy = [new("igt@panfrost_submit@pan-submit", "fail"), new("igt@panfrost_gem@<b>odd</b>", "dmesg-warn")],
            },
            new MutantResult { Bug = "panfrost.LeakStaleContents", Driver = "panfrost", Tests = 4, CaughtBy = [new("igt@panfrost_gem@<b>odd</b>", "fail")] },
            new MutantResult { Bug = "panfrost.MadviseSharedBo", Driver = "panfrost", Tests = 4 },
        ],
    };

    [Fact]
    public void The_matrix_has_a_row_per_catching_test_and_marks_uncaught_bugs()
    {
        var html = MutantsSection.Html(Sample());

        System.Text.RegularExpressions.Regex.Matches(html, "<tbody>.*</tbody>").Single().Value.Split("<tr>").Length.Should().Be(3, "two tests catch something");
        html.Should().Contain("<th class=\"bug uncaught\" title=\"panfrost.MadviseSharedBo\">");
        html.Should().Contain("<b class=\"uncaught\">1 caught by no test</b>");
        html.Should().Contain("<td class=\"hit\"><span class=\"st dmesg-warn\">dmesg-warn</span></td>");
        html.Should().Contain("&lt;b&gt;odd&lt;/b&gt;").And.NotContain("<b>odd");
        html.Should().Contain("<tfoot><tr><th>caught by</th><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num uncaught\">0</td>");
    }

    [Fact]
    public void The_console_table_has_a_line_per_bug()
    {
        var w = new StringWriter();
        MutantsSection.Print(w, Sample());

        var lines = w.ToString().Split('\n');
        lines.Should().Contain(l => l.StartsWith("panfrost.MappingOnObject", StringComparison.Ordinal) && l.Contains("2: igt@panfrost_submit@pan-submit (fail)"));
        lines.Should().Contain(l => l.StartsWith("panfrost.MadviseSharedBo", StringComparison.Ordinal) && l.EndsWith("NOT CAUGHT", StringComparison.Ordinal));
        w.ToString().Should().Contain("Known bugs: 3, caught 2, uncaught 1; 1 tests fail without any bug");
    }

    [Fact]
    public void The_file_round_trips_through_json()
    {
        var back = System.Text.Json.JsonSerializer.Deserialize<MutantsFile>(Sample().ToJson())!;

        back.Bugs.Select(b => (b.Bug, b.Caught)).Should().Equal(("panfrost.MappingOnObject", true), ("panfrost.LeakStaleContents", true), ("panfrost.MadviseSharedBo", false));
        back.Uncaught.Single().Bug.Should().Be("panfrost.MadviseSharedBo");
        Sample().ToJson().Should().Contain("\"caught_by\"").And.Contain("\"clean_failures\"");
    }
}
