using Igt.Stress.Core;

namespace Igt.Stress.Fuzz;

/// <summary>Fuzz findings on disk, through the shared <see cref="FindingStore"/>: finding.json, ops.txt, detail.txt (dmesg).</summary>
public static class FuzzFindingStore
{
    public static string Write(string root, FindingRecord record, IReadOnlyList<FuzzOp> ops, IReadOnlyList<string> dmesg) =>
        Path.GetFullPath(FindingStore.Write(root, record, ops.Select(o => o.Format()), string.Join("\n", dmesg)));

    /// <summary>The ops of a finding directory (lines "N: op" or "op").</summary>
    public static IReadOnlyList<FuzzOp> ReadOps(string dir) =>
        File.ReadAllLines(Path.Combine(dir, FindingStore.OpsFile)).Where(l => l.Length > 0).Select(FuzzOp.Parse).ToList();
}
