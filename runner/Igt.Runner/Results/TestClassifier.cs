using Igt.Runner.Dmesg;
using Igt.Runner.Selection;

namespace Igt.Runner.Results;

/// <summary>
/// Turns one subtest folder (journal, out, err, dmesg) into its IGT status, by resultgen's rules:
/// <list type="number">
/// <item>a runner line in the journal (timeout, crash, abort, notrun, incomplete) decides; else the host's exit
/// line; a start with no end is incomplete; no journal at all is notrun. An unknown word is incomplete;</item>
/// <item>dmesg is the runner's to judge: a host's dmesg-warn/dmesg-fail count as pass/fail before the runner's own
/// dmesg rules (threshold, allow-list, ignore regexes) are applied;</item>
/// <item>a pass with text on stderr is warn;</item>
/// <item>dmesg warnings turn pass and warn into dmesg-warn and fail into dmesg-fail; other statuses stay.</item>
/// </list>
/// </summary>
public sealed class TestClassifier(DmesgClassifier dmesg)
{
    public const string NoOutputMessage = "This test didn't produce any output. The machine probably rebooted ungracefully.\n";

    public TestResult Classify(string name, string dir)
    {
        var journal = Journal.Read(Path.Combine(dir, "journal.txt"));
        var outText = TextFiles.ReadShared(Path.Combine(dir, "out.txt"));
        var errText = TextFiles.ReadShared(Path.Combine(dir, "err.txt"));
        var kmsg = TextFiles.ReadShared(Path.Combine(dir, "dmesg.txt"));
        var excerpt = dmesg.Classify(kmsg, IgtName.SubtestOf(name));

        var (status, duration) = BaseStatus(journal);
        status = status switch
        {
            TestStatus.DmesgWarn => TestStatus.Pass,
            TestStatus.DmesgFail => TestStatus.Fail,
            _ => status,
        };
        if (status == TestStatus.Pass && errText.Trim().Length > 0)
            status = TestStatus.Warn;
        if (excerpt.HasWarnings)
        {
            status = status switch
            {
                TestStatus.Pass or TestStatus.Warn => TestStatus.DmesgWarn,
                TestStatus.Fail => TestStatus.DmesgFail,
                _ => status,
            };
        }
        if (status == TestStatus.Incomplete && outText.Length == 0 && errText.Length == 0 && excerpt.Dmesg.Length == 0)
            outText = NoOutputMessage;
        return new TestResult
        {
            Name = name,
            Status = status,
            Out = outText,
            Err = errText,
            Dmesg = excerpt.Dmesg,
            DmesgWarnings = excerpt.Warnings,
            Duration = duration,
            IterationStatuses = [status],
        };
    }

    private static (TestStatus, double) BaseStatus(Journal j)
    {
        if (j.RunnerWord is { } runner)
            return (Word(runner), j.RunnerSeconds ?? 0);
        if (j.ExitWord is { } exit)
            return (Word(exit), j.ExitSeconds ?? 0);
        return j.Started ? (TestStatus.Incomplete, 0) : (TestStatus.NotRun, 0);
    }

    private static TestStatus Word(string word) => TestStatusExtensions.TryParseIgt(word, out var s) ? s : TestStatus.Incomplete;
}
