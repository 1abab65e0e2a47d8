using Igt.Drivers.I915.Uapi;
using Igt.Os;

namespace Igt.I915;

/// <summary>An engine as the legacy execbuf ring selector names it (intel_execution_engine2).</summary>
public sealed record IntelEngine(string Name, ulong ExecFlags, int Class)
{
    public static readonly IntelEngine Rcs0 = new("rcs0", I915ExecFlags.Render, I915EngineClass.Render);
    public static readonly IntelEngine Bcs0 = new("bcs0", I915ExecFlags.Blt, I915EngineClass.Copy);

    /// <summary>for_each_physical_engine: render always, blitter when GETPARAM HAS_BLT says so.</summary>
    public static IReadOnlyList<IntelEngine> Physical(ISyscalls sys, int fd)
    {
        var list = new List<IntelEngine> { Rcs0 };
        if (Intel.HasParam(sys, fd, I915Param.HasBlt))
            list.Add(Bcs0);
        return list;
    }

    public override string ToString() => Name;
}
