using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Tests.Selection;

public sealed class ShardSpecTests
{
    private static readonly List<string> Names = Enumerable.Range(0, 103).Select(i => $"igt@bin_{i % 7}@sub-{i}").ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Shards_partition_the_list(int n)
    {
        var shards = Enumerable.Range(1, n).Select(k => new ShardSpec(k, n).Select(Names, 0)).ToList();
        shards.SelectMany(s => s).Should().BeEquivalentTo(Names).And.OnlyHaveUniqueItems();
        shards.Select(s => s.Count).Max().Should().BeLessThanOrEqualTo(shards.Select(s => s.Count).Min() + 1);
    }

    [Fact]
    public void A_shard_keeps_the_original_order_and_is_the_same_on_every_machine()
    {
        var a = new ShardSpec(2, 4).Select(Names, 0);
        var b = new ShardSpec(2, 4).Select(Names.AsEnumerable().Reverse().ToList(), 0);
        a.Should().Equal(Names.Where(a.Contains));
        b.Should().BeEquivalentTo(a, "the slice depends on the names, not on discovery order");
    }

    [Fact]
    public void The_shuffle_seed_changes_the_slices()
    {
        new ShardSpec(1, 4).Select(Names, 1).Should().NotEqual(new ShardSpec(1, 4).Select(Names, 0));
    }

    [Fact]
    public void The_shuffle_is_pinned()
    {
        // A changed shuffle would move tests between CI shards silently: pin its output.
        SeededShuffle.Shuffle(Enumerable.Range(0, 10).ToList(), 0).Should().Equal(6, 3, 4, 8, 9, 2, 7, 1, 0, 5);
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    public void Bad_shard_specs_are_usage_errors(string text)
    {
        var act = () => ShardSpec.Parse(text);
        act.Should().Throw<UsageException>().WithMessage("--shard:*");
    }
}
