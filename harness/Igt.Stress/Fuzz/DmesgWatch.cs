using Igt.Kernel;
using Igt.Stress.Core;

namespace Igt.Stress.Fuzz;

/// <summary>
/// Reads what dmesg got since the last look and names the first kernel report in it (syzbot titles), skipping
/// reports on the <see cref="FuzzKnownReports"/> list (counted in <see cref="KnownHits"/>).
/// </summary>
public sealed class DmesgWatch
{
    private readonly Machine _machine;
    private ulong _seq;

    public DmesgWatch(Machine machine)
    {
        _machine = machine;
        _seq = machine.Dmesg.NextSeq;
    }

    public int KnownHits { get; private set; }

    public string? Check()
    {
        var recs = _machine.Dmesg.ReadFrom(_seq, out _);
        if (recs.Count == 0)
            return null;
        _seq = recs[^1].Seq + 1;
        var lines = recs.Select(r => r.Text).ToList();
        if (FindingTitle.FromDmesg(lines) is null)
            return null;
        // Each report starts on a line that is a title by itself; look at each with the lines that follow it.
        for (var i = 0; i < lines.Count; i++)
        {
            if (FindingTitle.FromDmesg([lines[i]]) is null)
                continue;
            var title = FindingTitle.FromDmesg(lines.Skip(i).Take(8));
            if (title is null)
                continue;
            if (!FuzzKnownReports.IsKnown(title))
                return title;
            KnownHits++;
            while (i + 1 < lines.Count && !lines[i].StartsWith("---[ end trace", StringComparison.Ordinal))
                i++;
        }
        return null;
    }
}
