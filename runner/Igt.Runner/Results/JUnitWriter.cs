using System.Globalization;
using System.Text;
using System.Xml;
using Igt.Runner.Selection;

namespace Igt.Runner.Results;

/// <summary>
/// JUnit XML for CI systems that show test reports. Unlike piglit's JUnit backend, no IGT status hides as a pass:
/// skip and notrun are &lt;skipped&gt;; fail, warn, dmesg-warn and dmesg-fail are &lt;failure&gt;; crash, timeout,
/// incomplete and abort are &lt;error&gt;. The IGT status is kept in the element's type attribute.
/// </summary>
public static class JUnitWriter
{
    public static string Write(RunResults run)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = false };
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(sb), settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", run.Name);
            WriteCounts(w, run.Tests);
            foreach (var suite in run.Tests.GroupBy(t => IgtName.BinaryKey(t.Name)))
            {
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", suite.Key);
                WriteCounts(w, suite.ToList());
                foreach (var t in suite)
                    WriteCase(w, t);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.Append('\n').ToString();
    }

    public static string? ElementFor(TestStatus s) => s switch
    {
        TestStatus.Pass => null,
        TestStatus.Skip or TestStatus.NotRun => "skipped",
        TestStatus.Fail or TestStatus.Warn or TestStatus.DmesgWarn or TestStatus.DmesgFail => "failure",
        _ => "error",
    };

    private static void WriteCounts(XmlWriter w, IReadOnlyCollection<TestResult> tests)
    {
        w.WriteAttributeString("tests", Num(tests.Count));
        w.WriteAttributeString("failures", Num(tests.Count(t => ElementFor(t.Status) == "failure")));
        w.WriteAttributeString("errors", Num(tests.Count(t => ElementFor(t.Status) == "error")));
        w.WriteAttributeString("skipped", Num(tests.Count(t => ElementFor(t.Status) == "skipped")));
        w.WriteAttributeString("time", tests.Sum(t => t.Duration).ToString("0.###", CultureInfo.InvariantCulture));
    }

    private static void WriteCase(XmlWriter w, TestResult t)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("classname", t.Binary);
        w.WriteAttributeString("name", t.Name);
        w.WriteAttributeString("time", t.Duration.ToString("0.###", CultureInfo.InvariantCulture));
        if (ElementFor(t.Status) is { } element)
        {
            w.WriteStartElement(element);
            w.WriteAttributeString("type", t.Status.ToIgt());
            w.WriteAttributeString("message", Message(t));
            if (element != "skipped")
                w.WriteString(Clean(t.Err.Length > 0 ? t.Err : t.Out));
            w.WriteEndElement();
        }
        var output = t.Out + (t.Dmesg.Length > 0 ? "\n--- dmesg ---\n" + t.Dmesg : "");
        if (output.Length > 0)
            w.WriteElementString("system-out", Clean(output));
        if (t.Err.Length > 0)
            w.WriteElementString("system-err", Clean(t.Err));
        w.WriteEndElement();
    }

    private static string Message(TestResult t)
    {
        var firstLine = (t.Status == TestStatus.Skip ? t.Err : t.DmesgWarnings.Length > 0 ? t.DmesgWarnings : t.Err)
            .Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        return Clean(firstLine.Length > 0 ? $"{t.Status.ToIgt()}: {firstLine}" : t.Status.ToIgt());
    }

    /// <summary>XML 1.0 cannot carry most control characters: they become U+FFFD.</summary>
    private static string Clean(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c < 0x20 && c is not ('\n' or '\r' or '\t') || c is '\uFFFE' or '\uFFFF')
                chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private sealed class StringWriterUtf8(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
