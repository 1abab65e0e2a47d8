using Igt.Core;
using Igt.Os;

namespace Igt.I915;

/// <summary>lib/igt_debugfs: i915_drop_caches and the device's debugfs directory.</summary>
public static class IgtDropCaches
{
    public const int Unbound = 0x1;
    public const int Bound = 0x2;
    public const int Retire = 0x4;
    public const int Active = 0x8;
    public const int Freed = 0x10;
    public const int ShrinkAll = 0x20;
    public const int Idle = 0x40;

    /// <summary>igt_drop_caches_set.</summary>
    public static void Set(ISyscalls sys, int minor, int flags)
    {
        var r = sys.WriteTextFile($"/sys/kernel/debug/dri/{minor}/i915_drop_caches", $"0x{flags:x}");
        IgtCore.Assert(r == 0, $"writing i915_drop_caches: {r}");
    }

    /// <summary>igt_purge_vm_caches: drop_caches, i915 shrink-all, drop_caches again.</summary>
    public static void PurgeVmCaches(ISyscalls sys, int minor)
    {
        Thrash.PurgeVmCaches(sys);
        Set(sys, minor, ShrinkAll | Idle | Freed);
        Thrash.PurgeVmCaches(sys);
    }
}
