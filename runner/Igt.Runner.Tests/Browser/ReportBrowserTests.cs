using Igt.Runner.Report;
using Igt.Runner.Results;
using Igt.Runner.Tests.Report;
using Igt.Runner.Tests.Support;
using Microsoft.Playwright;

namespace Igt.Runner.Tests.Browser;

/// <summary>
/// The report in a real headless browser: Debian's chromium (never a downloaded one) driven by Playwright. It opens,
/// filters, expands a failure, logs no script error, and hostile strings render as text. Screenshots go to
/// $IGT_ARTIFACTS_DIR (default TestResults/screenshots). Skips when /usr/bin/chromium is absent.
/// </summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task The_report_opens_filters_and_expands_in_chromium()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian's chromium is not installed (apt-get install -y chromium)");
        using var tmp = new TempDir();
        var layout = ReportFolders.Run(tmp.Combine("run")).Layout;
        var file = tmp.Combine("report.html");
        await File.WriteAllTextAsync(file, HtmlReport.Render(ResultsBuilder.Build(layout), new ReportInputs { Rerun = ReportCommand.RerunFor(layout) }));
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

        dialogs.Should().Be(0);
        errors.Should().BeEmpty();
    }
}
