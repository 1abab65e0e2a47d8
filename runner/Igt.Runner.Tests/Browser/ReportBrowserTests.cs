using Igt.Runner.Report;
using Igt.Runner.Results;
using Igt.Runner.Tests.Report;
using Igt.Runner.Tests.Support;
using Microsoft.Playwright;

namespace Igt.Runner.Tests.Browser;

/// <summary>
/// The report in a real headless browser: Debian's chromium (never a downloaded one) driven by Playwright. It opens,
/// filters, expands a failure, shows the known-bug matrix, opens and closes a test's history strip, logs no script
/// error, and hostile strings render as text. Screenshots go to $IGT_ARTIFACTS_DIR (default TestResults/screenshots).
/// Skips when /usr/bin/chromium is absent.
/// </summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task The_report_opens_filters_and_expands_in_chromium()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian's chromium is not installed (apt-get install -y chromium)");
        using var tmp = new TempDir();
        // The baseline recorded in the results root's history; the run carries a mutants.json: the report shows both.
        ReportFolders.Baseline(tmp.Combine("results", "base"));
        var layout = ReportFolders.Run(tmp.Combine("results", "run")).Layout;
        (await Program.RunAsync(["history-record", tmp.Combine("results", "base")], TextWriter.Null, TextWriter.Null)).Should().Be(0);
        await File.WriteAllTextAsync(Path.Combine(layout.Root, Igt.Runner.Mutants.MutantsFile.FileName), Mutants.MutantsSectionTests.Sample().ToJson());
        var file = tmp.Combine("report.html");
        (await Program.RunAsync(["report", layout.Root, "-o", file], TextWriter.Null, TextWriter.Null)).Should().Be(0);
        var shots = Environment.GetEnvironmentVariable("IGT_ARTIFACTS_DIR") ?? Path.Combine("TestResults", "screenshots");
        Directory.CreateDirectory(shots);

        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var dialogs = 0;
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };

        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "report-open.png"), FullPage = true });
        (await page.Locator("#results tbody tr:not([hidden])").CountAsync()).Should().Be(ReportFolders.Jobs.Length);

        await page.SelectOptionAsync("#f-status", "!pass");
        (await page.Locator("#results tbody tr:not([hidden])").CountAsync()).Should().Be(3);
        await page.FillAsync("#f-name", "hostile");
        (await page.Locator("#results tbody tr:not([hidden])").CountAsync()).Should().Be(1);

        await page.ClickAsync("summary:has-text('igt@panfrost_submit@hostile')");
        var body = page.Locator("details.fail[open] .body");
        (await body.InnerTextAsync()).Should().Contain(ReportFolders.Hostile).And.Contain("<script>alert(2)</script>");
        (await page.Locator("img").CountAsync()).Should().Be(0, "the hostile <img> must stay text");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "report-failure-expanded.png"), FullPage = true });

        // The known-bug matrix: a row per catching test, the uncaught bug marked.
        (await page.Locator("#mutants-matrix tbody tr").CountAsync()).Should().Be(2);
        (await page.Locator("#mutants-matrix th.bug.uncaught").InnerTextAsync()).Should().Be("panfrost.MadviseSharedBo");
        (await page.Locator("#mutants-matrix tbody").InnerTextAsync()).Should().Contain("igt@panfrost_gem@<b>odd</b>");

        // A test's history: the link opens a strip (baseline, this run) with its regression window, and closes it again.
        var row = page.Locator("tr[id='t-igt@panfrost_submit@hostile']");
        await row.Locator("a.hist").ClickAsync();
        (await row.Locator(".strip .hc").CountAsync()).Should().Be(2);
        (await row.Locator(".strip .hc").Nth(1).GetAttributeAsync("title")).Should().Be("run (this run) (2023-11-14 22:13:20Z): dmesg-fail");
        (await row.Locator(".strip .hsum").InnerTextAsync()).Should().Be("regression window: last pass baseline, first failure run (this run); flips 1 in 2 runs");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "report-mutants-history.png"), FullPage = true });
        await row.Locator("a.hist").ClickAsync();
        (await row.Locator(".strip").CountAsync()).Should().Be(0);

        dialogs.Should().Be(0);
        errors.Should().BeEmpty();
    }
}
