using Igt.Core;
using Igt.Fixtures;

namespace Igt.Tests.Meta;

/// <summary>
/// igt@runner_meta_known_bugs: stands for the suites' *_known_bugs proof tests (KnownBugHarness), whose "bug off"
/// half fails when IGT_KNOWN_BUGS turns the bug on for the whole run. It fails under meta.Uncaught, so a mutants run
/// that did not leave *_known_bugs tests out would count it as catching that bug. Skips unless IGT_CI_META_TEST=1.
/// </summary>
public sealed class RunnerMetaKnownBugs
{
    [Subtest("proof")]
    public void Proof()
    {
        if (Environment.GetEnvironmentVariable("IGT_CI_META_TEST") != "1")
            throw new IgtSkipException("meta test: set IGT_CI_META_TEST=1 to run it");
        if (IgtEnv.KnownBugs.Contains($"{MetaBugs.Driver}.{MetaBugs.Uncaught}"))
            throw new IgtAssertionException("meta: the bug-off half ran with the bug on");
    }
}
