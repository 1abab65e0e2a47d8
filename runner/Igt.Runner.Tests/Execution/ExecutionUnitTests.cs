using Igt.Runner.Discovery;
using Igt.Runner.Execution;

namespace Igt.Runner.Tests.Execution;

public sealed class ExecutionUnitTests
{
    [Fact]
    public void Host_filter_selects_exact_display_names_with_escapes()
    {
        TestHost.Filter(["igt@a@b", "igt@x@odd(name)|=!~"]).Should()
            .Be(@"DisplayName=igt@a@b|DisplayName=igt@x@odd\(name\)\|\=\!\~");
    }

    [Fact]
    public void Taint_lines_are_read_from_the_output()
    {
        Taint.Parse("boot\ntaint: 0x0\nmore\ntaint: 0x200\n").Should().Be(0x200UL);
        Taint.Parse("no taint line").Should().BeNull();
        Taint.Describe(0x280).Should().Be("0x280 (TAINT_DIE | TAINT_WARN)");
        (0x1UL & Taint.Bad).Should().Be(0UL, "a proprietary module is no reason to abort");
        (0x20UL & Taint.Bad).Should().NotBe(0UL);
    }

    [Fact]
    public void Job_queue_batches_one_assembly_and_iteration_and_shares_among_workers()
    {
        var jobs = Enumerable.Range(0, 10).Select(i => new Job(1, $"igt@a@{i}", "a.dll"))
            .Concat(Enumerable.Range(0, 3).Select(i => new Job(1, $"igt@b@{i}", "b.dll")))
            .Concat([new Job(2, "igt@a@0", "a.dll")]);
        var q = new JobQueue(jobs, 100);
        q.TakeBatch(200, 2).Should().HaveCount(5, "ten a.dll jobs shared by two workers");
        q.TakeBatch(3, 1).Select(j => j.Name).Should().Equal("igt@a@5", "igt@a@6", "igt@a@7");
        q.TakeBatch(200, 1).Should().HaveCount(2);
        q.TakeBatch(200, 1).Should().OnlyContain(j => j.Source == "b.dll").And.HaveCount(3);
        var last = q.TakeBatch(200, 1);
        last.Should().ContainSingle().Which.Iteration.Should().Be(2);
        q.IsEmpty.Should().BeTrue();
        q.Requeue(last);
        q.Peek().Should().Be(last[0]);
    }

    [Fact]
    public void An_open_ended_plan_is_pulled_lazily()
    {
        static IEnumerable<Job> Forever()
        {
            for (var k = 1; ; k++)
                yield return new Job(k, "igt@a@b", "a.dll");
        }
        var q = new JobQueue(Forever(), 4);
        q.TakeOne().Single().Iteration.Should().Be(1);
        q.PendingCount.Should().Be(4);
        q.PlanExhausted.Should().BeFalse();
    }

    [Fact]
    public void List_tests_output_is_parsed()
    {
        var output = "VSTest version 18.7.0 (x64)\n\nThe following Tests are available:\n    igt@a@one\n    igt@a@two\n    Some.Plain.Fact\n";
        TestDiscovery.Parse(output).Should().Equal("igt@a@one", "igt@a@two", "Some.Plain.Fact");
        var catalog = new TestCatalog();
        catalog.Add("a.dll", TestDiscovery.Parse(output));
        catalog.Names.Should().Equal("igt@a@one", "igt@a@two");
        catalog.Ignored.Should().Equal("Some.Plain.Fact");
        var clash = () => catalog.Add("b.dll", ["igt@a@three"]);
        clash.Should().Throw<Igt.Runner.Settings.UsageException>().WithMessage("*igt@a is defined in two test assemblies*");
    }
}
