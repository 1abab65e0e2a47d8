using System.Globalization;
using Igt.Runner.Results;
using Microsoft.Data.Sqlite;

namespace Igt.Runner.History;

/// <summary>One run's status of one test, as the history database keeps it.</summary>
public sealed record HistoryEntry(string Run, double Started, TestStatus Status, IReadOnlyList<TestStatus> Iterations);

/// <summary>One recorded run: its row id, results directory, name, start (unix seconds) and emulated GPU ("" unknown).</summary>
public sealed record HistoryRun(long Id, string Dir, string Name, double Started, string Gpu);

/// <summary>
/// The run history in an embedded SQLite file: one row per recorded run, one per test result, and the out/err/dmesg
/// tails of the results that did not pass (what known-issue filters look at across runs). Recording the same results
/// directory again replaces its rows, so re-running <c>history-record</c> is harmless. Databases written before the
/// GPU column and the failure texts existed are upgraded in place.
/// </summary>
public sealed class HistoryDb : IDisposable
{
    public const string DefaultFileName = "history.db";

    private readonly SqliteConnection _db;

    public HistoryDb(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Shards of one pipeline may record into one shared file at once: wait for the lock rather than fail.
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString());
        _db.Open();
        Exec("""
            CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, dir TEXT UNIQUE NOT NULL, name TEXT NOT NULL, started REAL NOT NULL, seed TEXT);
            CREATE TABLE IF NOT EXISTS results(run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, test TEXT NOT NULL,
                status TEXT NOT NULL, iterations TEXT NOT NULL, duration REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS results_test ON results(test);
            CREATE INDEX IF NOT EXISTS results_run ON results(run);
            CREATE TABLE IF NOT EXISTS failure_text(run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, test TEXT NOT NULL,
                out TEXT NOT NULL, err TEXT NOT NULL, dmesg TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS failure_text_run ON failure_text(run);
            PRAGMA foreign_keys = ON;
            """);
        if (!Columns("runs").Contains("gpu"))
            Exec("ALTER TABLE runs ADD COLUMN gpu TEXT NOT NULL DEFAULT ''");
    }

    /// <summary>The most text of one stream kept per failing result: the end, where a failure shows.</summary>
    public const int TextLimit = 16 * 1024;

    public void Record(RunResults run, string dir, string? gpu = null)
    {
        gpu ??= run.Metadata.GetValueOrDefault("gpu", "");
        using var tx = _db.BeginTransaction();
        Exec("""
            DELETE FROM results WHERE run IN (SELECT id FROM runs WHERE dir = $d);
            DELETE FROM failure_text WHERE run IN (SELECT id FROM runs WHERE dir = $d);
            DELETE FROM runs WHERE dir = $d;
            """, ("$d", Path.GetFullPath(dir)));
        using var ins = _db.CreateCommand();
        ins.CommandText = "INSERT INTO runs(dir, name, started, seed, gpu) VALUES ($d, $n, $s, $seed, $gpu); SELECT last_insert_rowid();";
        ins.Parameters.AddWithValue("$gpu", gpu);
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
        using var f = _db.CreateCommand();
        f.CommandText = "INSERT INTO failure_text(run, test, out, err, dmesg) VALUES ($r, $t, $o, $e, $m)";
        f.Parameters.AddWithValue("$r", id);
        var ft = f.Parameters.Add("$t", SqliteType.Text);
        var fo = f.Parameters.Add("$o", SqliteType.Text);
        var fe = f.Parameters.Add("$e", SqliteType.Text);
        var fm = f.Parameters.Add("$m", SqliteType.Text);
        foreach (var t in run.Tests.Where(t => !t.Status.IsSuccess() && t.Status != TestStatus.NotRun))
        {
            ft.Value = t.Name;
            fo.Value = Tail(t.Out);
            fe.Value = Tail(t.Err);
            fm.Value = Tail(t.Dmesg);
            f.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static string Tail(string s) => s.Length <= TextLimit ? s : s[^TextLimit..];

    /// <summary>Every recorded run, oldest first.</summary>
    public IReadOnlyList<HistoryRun> Runs()
    {
        using var q = _db.CreateCommand();
        q.CommandText = "SELECT id, dir, name, started, gpu FROM runs ORDER BY started, id";
        var list = new List<HistoryRun>();
        using var rd = q.ExecuteReader();
        while (rd.Read())
            list.Add(new HistoryRun(rd.GetInt64(0), rd.GetString(1), rd.GetString(2), rd.GetDouble(3), rd.IsDBNull(4) ? "" : rd.GetString(4)));
        return list;
    }

    /// <summary>
    /// One recorded run as the report's model: every test with its status, and for the results that did not pass
    /// the recorded out/err/dmesg tails (so known-issue filters can be applied to it).
    /// </summary>
    public RunResults Load(HistoryRun run)
    {
        var texts = new Dictionary<string, (string Out, string Err, string Dmesg)>(StringComparer.Ordinal);
        using (var q = _db.CreateCommand())
        {
            q.CommandText = "SELECT test, out, err, dmesg FROM failure_text WHERE run = $r";
            q.Parameters.AddWithValue("$r", run.Id);
            using var rd = q.ExecuteReader();
            while (rd.Read())
                texts[rd.GetString(0)] = (rd.GetString(1), rd.GetString(2), rd.GetString(3));
        }
        var tests = new List<TestResult>();
        using (var q = _db.CreateCommand())
        {
            q.CommandText = "SELECT test, status, duration FROM results WHERE run = $r";
            q.Parameters.AddWithValue("$r", run.Id);
            using var rd = q.ExecuteReader();
            while (rd.Read())
            {
                var name = rd.GetString(0);
                var (o, e, m) = texts.GetValueOrDefault(name, ("", "", ""));
                tests.Add(new TestResult { Name = name, Status = Parse(rd.GetString(1)), Duration = rd.GetDouble(2), Out = o, Err = e, Dmesg = m });
            }
        }
        return new RunResults
        {
            Name = run.Name,
            StartTime = run.Started,
            Tests = tests,
            Metadata = new Dictionary<string, string> { ["gpu"] = run.Gpu },
        };
    }

    /// <summary>
    /// The status of every test in <paramref name="runs"/>, one letter per run in the given order
    /// (<see cref="StatusCodes"/>, '-' where the test was absent): the report's per-test history strips.
    /// </summary>
    public Dictionary<string, char[]> Strips(IReadOnlyList<HistoryRun> runs)
    {
        var column = runs.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var codes = new Dictionary<string, char[]>(StringComparer.Ordinal);
        if (runs.Count == 0)
            return codes;
        using var q = _db.CreateCommand();
        q.CommandText = $"SELECT run, test, status FROM results WHERE run IN ({string.Join(',', column.Keys)})";
        using var rd = q.ExecuteReader();
        while (rd.Read())
        {
            var col = column[rd.GetInt64(0)];
            var test = rd.GetString(1);
            if (!codes.TryGetValue(test, out var row))
            {
                row = new char[runs.Count];
                Array.Fill(row, StatusCodes.Absent);
                codes[test] = row;
            }
            row[col] = StatusCodes.Of(Parse(rd.GetString(2)));
        }
        return codes;
    }

    private HashSet<string> Columns(string table)
    {
        using var q = _db.CreateCommand();
        q.CommandText = $"PRAGMA table_info({table})";
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var rd = q.ExecuteReader();
        while (rd.Read())
            set.Add(rd.GetString(1));
        return set;
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
