using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Tests.Support;

/// <summary>Builds small results directories in code, for tests that need one folder or two.</summary>
public sealed class ResultsFolder(string root)
{
    public ResultsLayout Layout { get; } = new(root);

    public ResultsFolder WithSettings(RunSettings settings, params string[] jobs)
    {
        Directory.CreateDirectory(Layout.Root);
        File.WriteAllText(Layout.Metadata, MetadataFile.Format(settings.ToMetadata()));
        File.WriteAllText(Layout.Environment, settings.EnvironmentText());
        File.WriteAllText(Layout.DmesgAllow, settings.DmesgAllowText());
        File.WriteAllText(Layout.JobList, string.Concat(jobs.Select(j => j + "\n")));
        var binaries = jobs.Select(global::Igt.Runner.Selection.IgtName.BinaryKey).Distinct();
        File.WriteAllText(Layout.Sources, string.Concat(binaries.Select(b => $"{b}\t/nonexistent/{b}.dll\t\n")));
        return this;
    }

    public ResultsFolder Test(string name, string journal, string? output = null, string? err = null, string? dmesg = null, int iteration = 1)
    {
        var dir = Layout.TestDir(iteration, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "journal.txt"), journal);
        if (output is not null)
            File.WriteAllText(Path.Combine(dir, "out.txt"), output);
        if (err is not null)
            File.WriteAllText(Path.Combine(dir, "err.txt"), err);
        if (dmesg is not null)
            File.WriteAllText(Path.Combine(dir, "dmesg.txt"), dmesg);
        return this;
    }
}
