using Igt.Runner.Results;
using Igt.Runner.Selection;
using Igt.Runner.Settings;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Results;

public sealed class MergeTests
{
    private const string Start = "start 1700000000000 1\n";

    [Fact]
    public void Shards_unite_and_a_test_in_several_keeps_its_worst_result()
    {
        using var tmp = new TempDir();
        new ResultsFolder(tmp.Combine("s1")).WithSettings(new RunSettings { Seed = 5, Shard = new ShardSpec(1, 3) }, "igt@core@sanity", "igt@a@one")
            .Test("igt@core@sanity", Start + "exit:pass (0.1s)\n").Test("igt@a@one", Start + "exit:fail (0.2s)\n");
        new ResultsFolder(tmp.Combine("s2")).WithSettings(new RunSettings { Seed = 5, Shard = new ShardSpec(2, 3) }, "igt@core@sanity", "igt@a@two")
            .Test("igt@core@sanity", Start + "exit:crash (0.1s)\n").Test("igt@a@two", Start + "exit:pass (0.2s)\n");
        var notes = new List<string>();

        var merged = ResultsMerger.Merge(tmp.Combine("all"), [tmp.Combine("s1"), tmp.Combine("s2")], false, notes.Add);

        var run = ResultsBuilder.Build(merged);
        run.Name.Should().Be("all");
        run.Tests.Select(t => (t.Name, t.Status)).Should().Equal(
            ("igt@core@sanity", TestStatus.Crash), ("igt@a@one", TestStatus.Fail), ("igt@a@two", TestStatus.Pass));
        notes.Should().Contain(n => n.Contains("shards missing from the merge: 3/3", StringComparison.Ordinal))
            .And.Contain(n => n.Contains("igt@core@sanity ran in several shards", StringComparison.Ordinal));
        File.ReadAllText(merged.Metadata).Should().Contain("shards : 1/3, 2/3");
    }

    [Fact]
    public void Merge_refuses_bad_input_without_touching_anything()
    {
        using var tmp = new TempDir();
        new ResultsFolder(tmp.Combine("s1")).WithSettings(new RunSettings { Shard = new ShardSpec(1, 2) }, "igt@a@one");
        new ResultsFolder(tmp.Combine("s2")).WithSettings(new RunSettings { Shard = new ShardSpec(1, 3) }, "igt@a@two");
        tmp.Write("notes/x.txt", "mine");

        var notResults = () => ResultsMerger.Merge(tmp.Combine("all"), [tmp.Combine("notes")], false, _ => { });
        notResults.Should().Throw<UsageException>().WithMessage("*is not a results directory*");
        var sizes = () => ResultsMerger.Merge(tmp.Combine("all"), [tmp.Combine("s1"), tmp.Combine("s2")], false, _ => { });
        sizes.Should().Throw<UsageException>().WithMessage("*shardings of different sizes*");
        var overwrite = () => ResultsMerger.Merge(tmp.Combine("notes"), [tmp.Combine("s1")], true, _ => { });
        overwrite.Should().Throw<UsageException>().WithMessage("*refusing to overwrite*");
        File.Exists(tmp.Combine("notes", "x.txt")).Should().BeTrue();
        Directory.Exists(tmp.Combine("all")).Should().BeFalse();
    }
}
