using Igt.Os;

namespace Igt.Core;

/// <summary>The [IGT] markers igt_core writes to /dev/kmsg, which the runner splits dmesg at.</summary>
public static class IgtKmsg
{
    public const int Info = 6;

    public static void Executing(ISyscalls sys, string binary) => sys.Kmsg(Info, $"[IGT] {binary}: executing");

    public static void StartingSubtest(ISyscalls sys, string binary, string subtest) =>
        sys.Kmsg(Info, $"[IGT] {binary}: starting subtest {subtest}");

    public static void FinishedSubtest(ISyscalls sys, string binary, string subtest, string result) =>
        sys.Kmsg(Info, $"[IGT] {binary}: finished subtest {subtest}, {result.ToUpperInvariant()}");

    /// <summary>igt_emit_ignore_dmesg_regex: dmesg lines matching <paramref name="regex"/> do not count as warnings.</summary>
    public static void IgnoreDmesgRegex(ISyscalls sys, string regex) => sys.Kmsg(Info, $"[IGT] add ignored dmesg regex: {regex}");
}
