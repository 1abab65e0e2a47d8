using Igt.Runner.History;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Igt.Runner.Tests.History;

/// <summary>A database written before GPUs and failure texts were kept opens, upgrades and keeps its runs.</summary>
public sealed class HistoryUpgradeTests
{
    [Fact]
    public void An_old_database_is_upgraded_in_place()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("old.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE runs(id INTEGER PRIMARY KEY, dir TEXT UNIQUE NOT NULL, name TEXT NOT NULL, started REAL NOT NULL, seed TEXT);
                CREATE TABLE results(run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, test TEXT NOT NULL,
                    status TEXT NOT NULL, iterations TEXT NOT NULL, duration REAL NOT NULL);
                INSERT INTO runs VALUES (1, '/r/old', 'old', 10, '0x1');
                INSERT INTO results VALUES (1, 'igt@a@b', 'fail', 'fail', 0.5);
                """;
            cmd.ExecuteNonQuery();
        }

        using var db = new HistoryDb(path);
        db.Record(new RunResults { Name = "new", StartTime = 20, Tests = [new TestResult { Name = "igt@a@b", Status = TestStatus.Crash, Err = "boom" }] }, tmp.Combine("new"), "g52");

        db.Runs().Select(r => (r.Name, r.Gpu)).Should().Equal(("old", ""), ("new", "g52"));
        db.Load(db.Runs()[1]).Tests.Single().Err.Should().Be("boom");
        db.Test("igt@a@b").Select(e => e.Status).Should().Equal(TestStatus.Fail, TestStatus.Crash);
    }
}
