using Igt.Runner.Dmesg;
using Igt.Runner.Execution;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Results;

/// <summary>
/// `merge`: joins the results directories of the shards of one run (a CI matrix) into one directory, whose
/// results.json then covers the whole run. Job lists and test folders are united; a test present in several shards
/// (the sanity test runs in each) keeps its worst result; aborts are kept with the shard they came from.
/// </summary>
public static class ResultsMerger
{
    public static ResultsLayout Merge(string outputDir, IReadOnlyList<string> inputDirs, bool overwrite, Action<string> note)
    {
        var inputs = inputDirs.Select(d => new ResultsLayout(d)).ToList();
        foreach (var i in inputs.Where(i => !i.Exists))
            throw new UsageException($"{i.Root} is not a results directory (no metadata.txt)");
        var output = new ResultsLayout(outputDir);
        if (inputs.Any(i => i.Root == output.Root))
            throw new UsageException("the merged directory cannot be one of the shards");
        if (Directory.Exists(output.Root) && Directory.EnumerateFileSystemEntries(output.Root).Any())
        {
            if (!overwrite)
                throw new UsageException($"{output.Root} already exists (--overwrite replaces it)");
            if (!output.Exists)
                throw new UsageException($"{output.Root} is not empty and is not a results directory; refusing to overwrite it");
            Directory.Delete(output.Root, recursive: true);
        }

        var metas = inputs.Select(i => MetadataFile.Parse(TextFiles.ReadShared(i.Metadata))).ToList();
        CheckShards(inputs, metas, note);
        Directory.CreateDirectory(output.Root);

        var merged = new Dictionary<string, string>(metas[0], StringComparer.Ordinal)
        {
            ["name"] = Path.GetFileName(output.Root),
            ["shard"] = "",
            ["merged_from"] = string.Join(", ", inputs.Select(i => i.Root)),
            ["shards"] = string.Join(", ", metas.Select(m => m.GetValueOrDefault("shard", "")).Where(s => s.Length > 0)),
        };
        TextFiles.WriteAtomic(output.Metadata, MetadataFile.Format(merged));
        foreach (var file in new Func<ResultsLayout, string>[] { l => l.Environment, l => l.DmesgAllow, l => l.Cmdline, l => l.Uname })
            TextFiles.WriteAtomic(file(output), TextFiles.ReadShared(file(inputs[0])));
        TextFiles.WriteAtomic(output.StartTime, MinMax(inputs.Select(i => i.StartTime), min: true));
        TextFiles.WriteAtomic(output.EndTime, MinMax(inputs.Select(i => i.EndTime), min: false));

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in inputs)
        {
            names.AddRange(JobList.ReadNames(i).Where(seen.Add));
            foreach (var (bin, dll) in JobList.ReadSources(i))
                sources.TryAdd(bin, dll);
            foreach (var (bin, project) in JobList.ReadProjects(i))
                projects.TryAdd(sources[bin], project);
        }
        JobList.Write(output, names, sources, projects);

        var settings = RunSettings.FromMetadata(metas[0], TextFiles.ReadShared(inputs[0].Environment), TextFiles.ReadShared(inputs[0].DmesgAllow));
        var classifier = new TestClassifier(new DmesgClassifier(settings.Dmesg));
        foreach (var input in inputs)
            CopyTests(input, output, classifier, note);

        var aborts = inputs.Where(i => File.Exists(i.Aborted)).Select(i => $"[{i.Root}]\n{TextFiles.ReadShared(i.Aborted)}").ToList();
        if (aborts.Count > 0)
            TextFiles.WriteAtomic(output.Aborted, string.Join('\n', aborts));
        return output;
    }

    private static void CopyTests(ResultsLayout input, ResultsLayout output, TestClassifier classifier, Action<string> note)
    {
        foreach (var k in input.IterationsOnDisk())
        {
            foreach (var name in input.TestNamesOnDisk(k))
            {
                var from = input.TestDir(k, name);
                var to = output.TestDir(k, name);
                if (Directory.Exists(to))
                {
                    var mine = classifier.Classify(name, from).Status;
                    var theirs = classifier.Classify(name, to).Status;
                    if (mine.Severity() <= theirs.Severity())
                        continue;
                    note($"{name} ran in several shards; keeping the worse result ({mine.ToIgt()} over {theirs.ToIgt()})");
                    Directory.Delete(to, recursive: true);
                }
                CopyDirectory(from, to);
            }
        }
    }

    private static void CheckShards(List<ResultsLayout> inputs, List<Dictionary<string, string>> metas, Action<string> note)
    {
        var shards = metas.Select(m => m.GetValueOrDefault("shard", "")).Where(s => s.Length > 0).Select(ShardSpec.Parse).ToList();
        if (shards.Count > 0)
        {
            var count = shards[0].Count;
            if (shards.Any(s => s.Count != count))
                throw new UsageException("the directories come from shardings of different sizes (K/N with different N)");
            var missing = Enumerable.Range(1, count).Except(shards.Select(s => s.Index)).ToList();
            if (missing.Count > 0)
                note($"shards missing from the merge: {string.Join(", ", missing.Select(k => $"{k}/{count}"))}; their tests do not appear");
        }
        foreach (var key in new[] { "seed", "profile", "shard_seed" })
        {
            if (metas.Select(m => m.GetValueOrDefault(key, "")).Distinct().Count() > 1)
                note($"the shards differ in {key}; the merged metadata keeps {inputs[0].Root}'s");
        }
    }

    private static string MinMax(IEnumerable<string> files, bool min)
    {
        var times = files.Select(f => double.TryParse(TextFiles.ReadShared(f).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : (double?)null)
            .OfType<double>().ToList();
        if (times.Count == 0)
            return "";
        var v = min ? times.Min() : times.Max();
        return v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + "\n";
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
