using Igt.Stress.Core;

namespace Igt.Tests.Stress;

/// <summary>ddmin finds the minimal failing subset, keeps order, and respects its test budget.</summary>
public sealed class DeltaDebuggingTests
{
    [Fact]
    public void FindsTheTwoElementsThatTogetherFail()
    {
        var items = Enumerable.Range(0, 100).ToList();
        var calls = 0;
        var result = DeltaDebugging.Minimize(items, s =>
        {
            calls++;
            return s.Contains(17) && s.Contains(83);
        });
        result.Should().Equal(17, 83);
        calls.Should().BeLessThan(200, "ddmin needs O(c log n) tests for a small failure-inducing set");
    }

    [Fact]
    public void KeepsOrderAndFindsAThreeElementSubsequence()
    {
        // Fails when 5, 40 and 77 appear in this order: the result must be exactly that subsequence.
        var items = Enumerable.Range(0, 120).ToList();
        var result = DeltaDebugging.Minimize(items, s =>
        {
            var a = s.ToList();
            var i5 = a.IndexOf(5);
            var i40 = a.IndexOf(40);
            var i77 = a.IndexOf(77);
            return i5 >= 0 && i40 > i5 && i77 > i40;
        });
        result.Should().Equal(5, 40, 77);
    }

    [Fact]
    public void ResultIsOneMinimal()
    {
        // Fails when the sum of the subset reaches 50: many minimal answers, each must be 1-minimal.
        var items = new[] { 3, 9, 14, 20, 1, 7, 30, 2, 11, 5 };
        bool Fails(IReadOnlyList<int> s) => s.Sum() >= 50;
        var result = DeltaDebugging.Minimize(items, Fails);
        Fails(result).Should().BeTrue();
        for (var i = 0; i < result.Count; i++)
            Fails(result.Where((_, j) => j != i).ToList()).Should().BeFalse($"removing {result[i]} must make it pass (1-minimal)");
    }

    [Fact]
    public void SingleFailingElementAndEmptyFailure()
    {
        DeltaDebugging.Minimize(Enumerable.Range(0, 64).ToList(), s => s.Contains(42)).Should().Equal(42);
        DeltaDebugging.Minimize(new[] { 1, 2, 3 }, _ => true).Should().BeEmpty("the empty sequence fails too");
    }

    [Fact]
    public void StopsAtTheTestBudget()
    {
        var calls = 0;
        var items = Enumerable.Range(0, 1000).ToList();
        var result = DeltaDebugging.Minimize(items, s =>
        {
            calls++;
            return s.Count(x => x % 10 == 0) >= 50;
        }, maxTests: 25);
        calls.Should().BeLessThanOrEqualTo(25);
        result.Count(x => x % 10 == 0).Should().BeGreaterThanOrEqualTo(50, "whatever it returns still fails");
    }
}
