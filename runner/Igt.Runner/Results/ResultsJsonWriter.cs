using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Igt.Runner.Results;

/// <summary>
/// results.json in IGT's layout (runner/resultgen.c, results_version 10), which piglit's summary tools and CI
/// dashboards read: per-test out/err/dmesg/result/time, totals under both "" and "root" (CI read one, piglit the
/// other) and per binary, and runtimes per binary.
/// </summary>
public static class ResultsJsonWriter
{
    public const int ResultsVersion = 10;

    public static string Write(RunResults run)
    {
        using var ms = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(ms, options))
        {
            w.WriteStartObject();
            w.WriteString("__type__", "TestrunResult");
            w.WriteNumber("results_version", ResultsVersion);
            w.WriteString("name", run.Name);
            w.WriteString("uname", run.Uname);
            w.WriteStartArray("cmdline");
            foreach (var arg in run.Cmdline)
                w.WriteStringValue(arg);
            w.WriteEndArray();
            WriteTime(w, "time_elapsed", run.StartTime, run.EndTime);

            w.WriteStartObject("tests");
            foreach (var t in run.Tests)
                WriteTest(w, t);
            w.WriteEndObject();

            w.WriteStartObject("totals");
            WriteTotals(w, "", run.Totals);
            WriteTotals(w, "root", run.Totals);
            foreach (var (binary, totals) in run.TotalsByBinary())
                WriteTotals(w, binary, totals);
            w.WriteEndObject();

            w.WriteStartObject("runtimes");
            foreach (var g in run.Tests.GroupBy(t => Selection.IgtName.BinaryKey(t.Name)))
            {
                w.WriteStartObject(g.Key);
                WriteTime(w, "time", 0, g.Sum(t => t.Duration));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteTest(Utf8JsonWriter w, TestResult t)
    {
        w.WriteStartObject(t.Name);
        w.WriteString("out", t.Out);
        w.WriteString("err", t.Err);
        w.WriteString("dmesg", t.Dmesg);
        w.WriteString("result", t.Status.ToIgt());
        WriteTime(w, "time", 0, t.Duration);
        w.WriteString("igt-version", RunnerInfo.IgtVersion);
        if (t.DmesgWarnings.Length > 0)
            w.WriteString("dmesg-warnings", t.DmesgWarnings);
        w.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter w, string key, StatusTotals totals)
    {
        w.WriteStartObject(key);
        foreach (var s in TestStatusExtensions.TotalsOrder)
            w.WriteNumber(s.ToIgt(), totals[s]);
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string key, double start, double end)
    {
        w.WriteStartObject(key);
        w.WriteString("__type__", "TimeAttribute");
        w.WriteNumber("start", Math.Round(start, 3));
        w.WriteNumber("end", Math.Round(end, 3));
        w.WriteEndObject();
    }
}
