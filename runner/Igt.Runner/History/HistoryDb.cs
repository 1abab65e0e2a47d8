using System.Globalization;
using Igt.Runner.Results;
using Microsoft.Data.Sqlite;

namespace Igt.Runner.History;

/// <summary>One run's status of one test, as the history database keeps it.</summary>
public sealed record HistoryEntry(string Run, double Started, TestStatus Status, IReadOnlyList<TestStatus> Iterations);

/// <summary>
/// The run history in an embedded SQLite file: one row per recorded run, one per test result. Recording the same
/// results directory again replaces its rows, so re-running <c>history-record</c> is harmless.
/// </summary>
public sealed class HistoryDb : IDisposable
{
    public const string DefaultFileName = "history.db";

    private readonly SqliteConnection _db;

    public HistoryDb(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("""
            CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, dir TEXT UNIQUE NOT NULL, name TEXT NOT NULL, started REAL NOT NULL, seed TEXT);
            CREATE TABLE IF NOT EXISTS results(run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, test TEXT NOT NULL,
                status TEXT NOT NULL, iterations TEXT NOT NULL, duration REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS results_test ON results(test);
            PRAGMA foreign_keys = ON;
            """);
    }

    public void Record(RunResults run, string dir)
    {
        using var tx = _db.BeginTransaction();
        Exec("DELETE FROM results WHERE run IN (SELECT id FROM runs WHERE dir = $d); DELETE FROM runs WHERE dir = $d;", ("$d", Path.GetFullPath(dir)));
        using var ins = _db.CreateCommand();
        ins.CommandText = "INSERT INTO runs(dir, name, started, seed) VALUES ($d, $n, $s, $seed); SELECT last_insert_rowid();";
        ins.Parameters.AddWithValue("$d", Path.GetFullPath(dir));
        ins.Parameters.AddWithValue("$n", run.Name);
        ins.Parameters.AddWithValue("$s", run.StartTime);
        ins.Parameters.AddWithValue("$seed", run.Metadata.GetValueOrDefault("seed", ""));
        var id = (long)ins.ExecuteScalar()!;
        using var r = _db.CreateCommand();
        r.CommandText = "INSERT INTO results(run, test, status, iterations, duration) VALUES ($r, $t, $st, $it, $du)";
        var pt = r.Parameters.Add("$t", SqliteType.Text);
        var ps = r.Parameters.Add("$st", SqliteType.Text);
        var pi = r.Parameters.Add("$it", SqliteType.Text);
        var pd = r.Parameters.Add("$du", SqliteType.Real);
        r.Parameters.AddWithValue("$r", id);
        foreach (var t in run.Tests)
        {
            pt.Value = t.Name;
            ps.Value = t.Status.ToIgt();
            pi.Value = string.Join(' ', (t.IterationStatuses.Count > 0 ? t.IterationStatuses : [t.Status]).Select(s => s.ToIgt()));
            pd.Value = t.Duration;
            r.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>The test's status in every recorded run that has it, oldest first.</summary>
    public IReadOnlyList<HistoryEntry> Test(string test)
    {
        using var q = _db.CreateCommand();
        q.CommandText = "SELECT runs.name, runs.started, results.status, results.iterations FROM results JOIN runs ON runs.id = results.run WHERE results.test = $t ORDER BY runs.started, runs.id";
        q.Parameters.AddWithValue("$t", test);
        var list = new List<HistoryEntry>();
        using var rd = q.ExecuteReader();
        while (rd.Read())
            list.Add(new HistoryEntry(rd.GetString(0), rd.GetDouble(1), Parse(rd.GetString(2)), rd.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList()));
        return list;
    }

    /// <summary>Pass rate of every run, oldest first: pass over results that are not skip or notrun (piglit's denominator).</summary>
    public IReadOnlyList<(string Run, double Rate)> PassRates()
    {
        using var q = _db.CreateCommand();
        q.CommandText = """
            SELECT runs.name, SUM(results.status = 'pass'), SUM(results.status NOT IN ('skip', 'notrun'))
            FROM runs JOIN results ON results.run = runs.id GROUP BY runs.id ORDER BY runs.started, runs.id
            """;
        var list = new List<(string, double)>();
        using var rd = q.ExecuteReader();
        while (rd.Read())
            list.Add((rd.GetString(0), rd.GetInt64(2) == 0 ? 0 : (double)rd.GetInt64(1) / rd.GetInt64(2)));
        return list;
    }

    private static TestStatus Parse(string word) => TestStatusExtensions.TryParseIgt(word, out var s) ? s : TestStatus.Incomplete;

    private void Exec(string sql, params (string Name, object Value)[] args)
    {
        using var c = _db.CreateCommand();
        c.CommandText = sql;
        foreach (var (n, v) in args)
            c.Parameters.AddWithValue(n, v);
        c.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();

    public static string Started(double unix) =>
        unix > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(unix * 1000)).ToString("u", CultureInfo.InvariantCulture) : "?";
}
