using Igt.Runner.Settings;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Report;

/// <summary>Fixed results folders for the report tests: a baseline and a run with hostile strings in every field.</summary>
public static class ReportFolders
{
    public const string Hostile = "</script><img src=x onerror=alert(1)>";
    public const string HostileDmesg = "WARNING: <script>alert(2)</script> at panfrost_job.c:42";

    public static readonly string[] Jobs =
    [
        "igt@panfrost_submit@pan-submit", "igt@panfrost_submit@hostile", "igt@gem_exec_basic@basic",
        "igt@etnaviv_bo@dmesg", "igt@etnaviv_bo@was-failing", "igt@etnaviv_bo@new-test",
    ];

    private static string Journal(string status, double secs) =>
        $"start 1700000001000 4242\nexit:{status} ({secs.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}s)\n";

    /// <summary>The run: pass, a fail full of hostile text, a skip, a dmesg-warn, a fixed test and a new test.</summary>
    public static ResultsFolder Run(string root)
    {
        var f = new ResultsFolder(root).WithSettings(new RunSettings { Seed = 0x2a }, Jobs);
        File.WriteAllText(f.Layout.StartTime, "1700000000.000\n");
        File.WriteAllText(f.Layout.EndTime, "1700000075.000\n");
        File.WriteAllText(f.Layout.Uname, "Linux emulated 6.9.0-igt #1 SMP x86_64\n");
        return f
            .Test("igt@panfrost_submit@pan-submit", Journal("pass", 0.5))
            .Test("igt@panfrost_submit@hostile", Journal("fail", 2.25), output: "\"quoted' & <b>bold</b>\npanfrost: GPU fault at 0x1000 <iframe>\n",
                err: Hostile + "\n", dmesg: $"6,1,1000,-;[IGT] panfrost_submit: starting subtest hostile\n4,2,2000,-;{HostileDmesg}\n")
            .Test("igt@gem_exec_basic@basic", Journal("skip", 0.01), err: "no i915 device\n")
            .Test("igt@etnaviv_bo@dmesg", Journal("dmesg-warn", 0.2),
                dmesg: "6,1,1000,-;[IGT] etnaviv_bo: starting subtest dmesg\n4,2,2000,-;WARNING: etnaviv leaked a BO\n")
            .Test("igt@etnaviv_bo@was-failing", Journal("pass", 0.1))
            .Test("igt@etnaviv_bo@new-test", Journal("pass", 0.1));
    }

    /// <summary>The baseline: hostile passed, was-failing failed, new-test did not exist, an old test went away.</summary>
    public static ResultsFolder Baseline(string root)
    {
        var f = new ResultsFolder(root).WithSettings(new RunSettings { Seed = 7, Name = "baseline" },
            "igt@panfrost_submit@pan-submit", "igt@panfrost_submit@hostile", "igt@gem_exec_basic@basic", "igt@etnaviv_bo@dmesg",
            "igt@etnaviv_bo@was-failing", "igt@etnaviv_bo@removed");
        return f
            .Test("igt@panfrost_submit@pan-submit", Journal("pass", 0.5))
            .Test("igt@panfrost_submit@hostile", Journal("pass", 1))
            .Test("igt@gem_exec_basic@basic", Journal("skip", 0.01))
            .Test("igt@etnaviv_bo@dmesg", Journal("pass", 0.2))
            .Test("igt@etnaviv_bo@was-failing", Journal("fail", 0.1))
            .Test("igt@etnaviv_bo@removed", Journal("pass", 0.1));
    }
}
