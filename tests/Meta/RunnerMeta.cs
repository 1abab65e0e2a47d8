using Igt.Core;
using Igt.Fixtures;

namespace Igt.Tests.Meta;

/// <summary>
/// igt@runner_meta: IGT's meta_test for this suite. Each subtest deliberately produces one outcome (pass, fail,
/// warn, skip, dmesg warnings, a crash, a dead host, a hang, a taint, an abort) so the runner and CI can be checked
/// end to end. Every subtest skips unless IGT_CI_META_TEST=1, so a plain <c>dotnet test</c> stays green.
/// </summary>
public sealed class RunnerMeta
{
    private const string EnableVariable = "IGT_CI_META_TEST";

    [Subtest("pass")]
    public void Pass()
    {
        RequireMeta();
        Print("meta: this subtest passes");
        // What the runner handed over, so the runner's tests can check it arrived.
        foreach (var name in new[] { "IGT_SEED", "IGT_PROFILE", "IGT_STRESS_ITERATIONS", "IGT_RUNNER_ITERATION" })
            Print($"meta: {name}={Environment.GetEnvironmentVariable(name)}");
    }

    [Subtest("fail")]
    public void Fail()
    {
        RequireMeta();
        throw new IgtAssertionException("meta: deliberate failure (igt_assert)");
    }

    [Subtest("warn")]
    public void Warn()
    {
        RequireMeta();
        Print("meta: printing a warning (igt_warn)");
        IgtTestContext.Current!.Warned = true;
    }

    [Subtest("skip")]
    public void SkipSubtest()
    {
        RequireMeta();
        throw new IgtSkipException("meta: deliberately skipped (igt_require)");
    }

    /// <summary>Kernel messages that must not count: info level, the allow-list and a test-ignored warning.</summary>
    [Subtest("dmesg-pass")]
    public void DmesgPass()
    {
        RequireMeta();
        Kmsg(6, "[drm] meta: an informational message");
        Kmsg(4, "Setting dangerous option meta_knob - tainting kernel");
        Kmsg(6, "[IGT] add ignored dmesg regex: meta expected warning");
        Kmsg(4, "meta: meta expected warning, ignored by the test");
    }

    [Subtest("dmesg-warn")]
    public void DmesgWarn()
    {
        RequireMeta();
        var line = Kmsg(4, "WARNING: CPU: 0 PID: 42 at drivers/gpu/drm/meta/meta_drv.c:17 meta_warn+0x1c/0x30");
        throw new DmesgWarningException(line);
    }

    [Subtest("dmesg-fail")]
    public void DmesgFail()
    {
        RequireMeta();
        var line = Kmsg(3, "meta meta.0: [drm] *ERROR* deliberate error");
        throw new AggregateException(new IgtAssertionException("meta: deliberate failure with a kernel error"),
            new DmesgWarningException(line));
    }

    /// <summary>An unexpected exception inside the subtest: IGT's CRASH (a signal inside a subtest).</summary>
    [Subtest("crash")]
    public void Crash()
    {
        RequireMeta();
        object? nothing = Environment.GetEnvironmentVariable("IGT_META_NOTHING_HERE_" + Environment.ProcessId);
        _ = nothing!.ToString();
    }

    /// <summary>The whole test host dies (like a SIGSEGV outside igt_core's handler).</summary>
    [Subtest("host-crash")]
    public void HostCrash()
    {
        RequireMeta();
        Print("meta: about to kill the test host");
        Environment.FailFast("meta: deliberate test host crash");
    }

    [Subtest("hang")]
    public void Hang()
    {
        RequireMeta();
        Print("meta: hanging forever");
        Kmsg(6, "meta: going to sleep");
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Leaves the machine tainted (TAINT_WARN, as a WARN_ON does): --abort-on-monitored-error stops the run.</summary>
    [Subtest("taint")]
    public void TaintMachine()
    {
        RequireMeta();
        var line = Kmsg(4, "WARNING: CPU: 1 PID: 7 at drivers/gpu/drm/meta/meta_drv.c:99 meta_taint+0x10/0x20");
        Print("taint: 0x200");
        throw new DmesgWarningException(line);
    }

    /// <summary>igt_abort_on_f: the test asks the runner to stop the run.</summary>
    [Subtest("abort")]
    public void Abort()
    {
        RequireMeta();
        throw new IgtAbortException("meta: deliberate abort (igt_abort_on_f)");
    }

    /// <summary>Fails when IGT_KNOWN_BUGS switches meta.Caught on: the runner's mutants tests need one bug a test catches.</summary>
    [Subtest("known-bug")]
    public void KnownBug()
    {
        RequireMeta();
        Print($"meta: IGT_KNOWN_BUGS={Environment.GetEnvironmentVariable("IGT_KNOWN_BUGS")}");
        if (IgtEnv.KnownBugs.Contains($"{MetaBugs.Driver}.{MetaBugs.Caught}"))
            throw new IgtAssertionException("meta: caught meta.Caught");
    }

    [Subtest("slow-1")]
    public void Slow1() => Slow();

    [Subtest("slow-2")]
    public void Slow2() => Slow();

    [Subtest("slow-3")]
    public void Slow3() => Slow();

    [Subtest("slow-4")]
    public void Slow4() => Slow();

    [Subtest("slow-5")]
    public void Slow5() => Slow();

    [Subtest("slow-6")]
    public void Slow6() => Slow();

    private static void Slow()
    {
        RequireMeta();
        Print("meta: slow subtest started");
        Thread.Sleep(MetaSleep());
        Print("meta: slow subtest done");
    }

    private static TimeSpan MetaSleep() =>
        int.TryParse(Environment.GetEnvironmentVariable("IGT_META_SLOW_MS"), out var ms) ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromMilliseconds(400);

    private static void RequireMeta()
    {
        if (Environment.GetEnvironmentVariable(EnableVariable) != "1")
            throw new IgtSkipException($"meta test: set {EnableVariable}=1 to run it");
    }

    private static void Print(string line) => IgtTestContext.Current?.Journal?.AppendOut(line);

    private static int _seq;

    /// <summary>Writes one /dev/kmsg record to the subtest's dmesg (the machine fixture's job in real tests).</summary>
    private static string Kmsg(int level, string text)
    {
        var seq = Interlocked.Increment(ref _seq);
        var line = $"{level},{seq},{seq * 1000},-;{text}";
        IgtTestContext.Current?.Journal?.AppendDmesg(line);
        return line;
    }
}
