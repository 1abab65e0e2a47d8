using Igt.Runner.Results;

namespace Igt.Runner.Execution;

/// <summary>What the executor knows of one job while its host runs: its journal as last read, and its activity.</summary>
public sealed class JobState(Job job, ResultsLayout layout)
{
    private static readonly string[] ActivityFiles = ["journal.txt", "out.txt", "err.txt", "dmesg.txt"];
    private long _journalLength = -1;
    private long _activity = -1;

    public Job Job { get; } = job;

    public string Dir { get; } = layout.TestDir(job.Iteration, job.Name);

    public Journal Journal { get; private set; } = Journal.Empty;

    /// <summary>When the runner saw the start line.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>Last time any of the test's files grew (the inactivity clock).</summary>
    public DateTime LastActivity { get; private set; }

    public bool Done { get; set; }

    /// <summary>The journal has an end: the host's exit line or a runner line.</summary>
    public bool Ended => Journal.Exited || Journal.RunnerWord is not null;

    public string JournalPath => Path.Combine(Dir, "journal.txt");

    public string OutPath => Path.Combine(Dir, "out.txt");

    public string ErrPath => Path.Combine(Dir, "err.txt");

    /// <summary>Re-reads the journal when it grew.</summary>
    public void Refresh()
    {
        var info = new FileInfo(JournalPath);
        var length = info.Exists ? info.Length : -1;
        if (length == _journalLength)
            return;
        _journalLength = length;
        Journal = Journal.Read(JournalPath);
    }

    public void TouchActivity(DateTime now)
    {
        long total = 0;
        foreach (var f in ActivityFiles)
        {
            var info = new FileInfo(Path.Combine(Dir, f));
            if (info.Exists)
                total += info.Length;
        }
        if (total != _activity)
        {
            _activity = total;
            LastActivity = now;
        }
    }

    /// <summary>Appends the runner's verdict to the journal and a note to out.txt.</summary>
    public void WriteVerdict(TestStatus status, TimeSpan elapsed, string reason, string note)
    {
        TextFiles.Append(OutPath, note.EndsWith('\n') ? note : note + "\n");
        TextFiles.Append(JournalPath, Journal.RunnerLine(status, elapsed, reason));
        Refresh();
    }
}
