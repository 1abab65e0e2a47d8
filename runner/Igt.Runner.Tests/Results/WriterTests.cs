using System.Text.Json;
using System.Xml.Linq;
using Igt.Runner.Results;

namespace Igt.Runner.Tests.Results;

public sealed class WriterTests
{
    private static RunResults Run(params (string Name, TestStatus Status)[] tests) => new()
    {
        Name = "unit",
        Tests = tests.Select(t => new TestResult { Name = t.Name, Status = t.Status, Duration = 0.5, Err = "why\n" }).ToList(),
    };

    [Theory]
    [InlineData(TestStatus.Pass, null)]
    [InlineData(TestStatus.Skip, "skipped")]
    [InlineData(TestStatus.NotRun, "skipped")]
    [InlineData(TestStatus.Warn, "failure")]
    [InlineData(TestStatus.Fail, "failure")]
    [InlineData(TestStatus.DmesgWarn, "failure")]
    [InlineData(TestStatus.DmesgFail, "failure")]
    [InlineData(TestStatus.Crash, "error")]
    [InlineData(TestStatus.Timeout, "error")]
    [InlineData(TestStatus.Incomplete, "error")]
    [InlineData(TestStatus.Abort, "error")]
    public void JUnit_hides_no_status_as_a_pass(TestStatus status, string? element)
    {
        var xml = XDocument.Parse(JUnitWriter.Write(Run(("igt@bin@sub", status))));
        var testcase = xml.Descendants("testcase").Single();
        testcase.Attribute("name")!.Value.Should().Be("igt@bin@sub");
        testcase.Attribute("classname")!.Value.Should().Be("bin");
        var child = testcase.Elements().FirstOrDefault(e => e.Name.LocalName is "failure" or "error" or "skipped");
        if (element is null)
        {
            child.Should().BeNull();
            return;
        }
        child!.Name.LocalName.Should().Be(element);
        child.Attribute("type")!.Value.Should().Be(status.ToIgt());
    }

    [Fact]
    public void JUnit_counts_per_suite()
    {
        var run = Run(("igt@a@1", TestStatus.Pass), ("igt@a@2", TestStatus.Fail), ("igt@b@1", TestStatus.Timeout), ("igt@b@2", TestStatus.Skip));
        var xml = XDocument.Parse(JUnitWriter.Write(run));
        var root = xml.Root!;
        (root.Attribute("tests")!.Value, root.Attribute("failures")!.Value, root.Attribute("errors")!.Value, root.Attribute("skipped")!.Value)
            .Should().Be(("4", "1", "1", "1"));
        xml.Descendants("testsuite").Select(s => s.Attribute("name")!.Value).Should().Equal("igt@a", "igt@b");
    }

    [Fact]
    public void Csv_files_use_deqp_runner_form()
    {
        var run = Run(("igt@a@1", TestStatus.Pass), ("igt@a@2", TestStatus.DmesgWarn), ("igt@a@3", TestStatus.NotRun), ("igt@a@4", TestStatus.Skip));
        ResultsCsvWriter.Results(run).Should().Be("igt@a@1,Pass,0.5\nigt@a@2,DmesgWarn,0.5\nigt@a@3,Missing,0.5\nigt@a@4,Skip,0.5\n");
        ResultsCsvWriter.Failures(run).Should().Be("igt@a@2,DmesgWarn\nigt@a@3,Missing\n");
    }

    [Fact]
    public void Results_json_has_totals_for_root_empty_key_and_each_binary()
    {
        var run = Run(("igt@a@1", TestStatus.Pass), ("igt@a@2", TestStatus.Fail), ("igt@b@1", TestStatus.Abort));
        using var doc = JsonDocument.Parse(ResultsJsonWriter.Write(run));
        var totals = doc.RootElement.GetProperty("totals");
        totals.EnumerateObject().Select(p => p.Name).Should().Equal("", "root", "igt@a", "igt@b");
        totals.GetProperty("root").EnumerateObject().Select(p => p.Name).Should().Equal(
            "pass", "fail", "crash", "skip", "timeout", "warn", "dmesg-warn", "dmesg-fail", "incomplete", "abort", "notrun");
        totals.GetProperty("igt@a").GetProperty("fail").GetInt32().Should().Be(1);
        totals.GetProperty("").GetProperty("abort").GetInt32().Should().Be(1);
        var test = doc.RootElement.GetProperty("tests").GetProperty("igt@a@2");
        test.GetProperty("result").GetString().Should().Be("fail");
        test.GetProperty("time").GetProperty("end").GetDouble().Should().Be(0.5);
        test.TryGetProperty("dmesg-warnings", out _).Should().BeFalse("the field is only written when there are warnings");
        doc.RootElement.GetProperty("runtimes").GetProperty("igt@a").GetProperty("time").GetProperty("end").GetDouble().Should().Be(1.0);
    }
}
