using System.Runtime.CompilerServices;
using Igt.Stress.Core;
using Igt.Stress.Workloads;

namespace Igt.Tests.Stress;

/// <summary>
/// The checked-in repro (Repros/StressReproPanfrostMixedMappingOnObject.cs, made by `igt-runner repro` from the
/// finding below) is exactly what the writer produces today: it compiles with this project and cannot drift.
/// </summary>
public sealed class ReproWriterGoldenTests
{
    public static readonly FindingRecord MappingOnObject = new("stress", "panfrost-mixed", 1, ["panfrost.MappingOnObject"],
        "stress: BO contents mismatch (panfrost)", 25, "ci");

    /// <summary>The operations delta debugging kept (the repro command's output for this finding).</summary>
    public static readonly int[] Kept = [8, 24];

    [Fact]
    public void CheckedInReproIsTheWritersOutput()
    {
        var expected = File.ReadAllText(Path.Combine(Dir(), "Repros", "StressReproPanfrostMixedMappingOnObject.cs"));
        var written = new StressReproducer().WriteXunitTest(MappingOnObject, Kept, "StressReproPanfrostMixedMappingOnObject");
        written.ReplaceLineEndings().Should().Be(expected.ReplaceLineEndings());
    }

    [Fact]
    public void KeptOperationsStillReproduce()
    {
        var r = new StressReproducer();
        r.Replay(MappingOnObject, null).Should().Be(MappingOnObject.Title, "the whole finding replays");
        r.Replay(MappingOnObject, Kept).Should().Be(MappingOnObject.Title, "the kept operations fail the same way");
        r.Replay(MappingOnObject with { KnownBugs = [] }, Kept).Should().BeNull("and pass without the bug");
    }

    [Fact]
    public void SameSeedSameOperationsAndSameFinding()
    {
        var w = StressWorkloads.Get("panfrost-mixed");
        StressRunner.Generate(w, 42, 300).Select(o => o.ToString()).Should().Equal(StressRunner.Generate(w, 42, 300).Select(o => o.ToString()));
        StressRunner.Generate(w, 43, 50).Select(o => o.ToString()).Should().NotEqual(StressRunner.Generate(w, 42, 50).Select(o => o.ToString()));
        var a = StressRunner.Run(w, 1, ["panfrost.MappingOnObject"], 500, TimeSpan.FromSeconds(10));
        var b = StressRunner.Run(w, 1, ["panfrost.MappingOnObject"], 500, TimeSpan.FromSeconds(10));
        a.Title.Should().NotBeNull();
        (b.Title, b.OpCount).Should().Be((a.Title, a.OpCount), "a seed fails the same way, at the same operation");
    }

    private static string Dir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
