using Bogus;
using Igt.Drivers.I915;
using Igt.Kernel;
using Igt.Stress.Workloads;

namespace Igt.Stress.I915;

/// <summary>
/// i915-mixed: the 2013 userptr thread and the i915 history as a random mix. Objects written by the CPU and the
/// blitter, userptr over memory that is unmapped or moved, a spinner keeping objects busy while the shrinker runs,
/// madvise, and a wait and an execbuf interrupted by signals.
/// </summary>
public sealed class I915StressWorkload : IStressWorkload
{
    private static readonly StressOpKind[] AllKinds =
    [
        new("CreateBo", 8, "bo", "pages"),
        new("CpuWrite", 10, "bo", "dword", "value"),
        new("GpuStore", 12, "bo", "dword", "value"),
        new("Spin", 5, "bo"),
        new("SpinEnd", 4),
        new("CloseHandle", 6, "bo"),
        new("Madvise", 4, "bo", "dontneed"),
        new("DropCaches", 3),
        new("Userptr", 6, "bo", "pages"),
        new("UserptrUnaligned", 1, "misalign"),
        new("UserptrUnmap", 3, "bo"),
        new("UserptrRemap", 2, "bo"),
        new("WaitInterrupted", 1),
        new("RingfillInterrupted", 1, "bo"),
    ];

    public string Name => "i915-mixed";

    public string Driver => I915KnownBugs.Driver;

    public Type SessionType => typeof(I915StressSession);

    public IReadOnlyList<StressOpKind> Kinds => AllKinds;

    public IReadOnlyList<string> ExpectedDmesg => [];

    public void Configure(MachineConfig config)
    {
        config.WithDevice(new I915Spec());
        config.Kswapd = false;
    }

    public StressOp Next(Randomizer rng)
    {
        var kind = StressGen.Pick(rng, AllKinds);
        long Bo() => rng.Number(0, I915StressSession.BoSlots - 1);
        return kind.Name switch
        {
            "CreateBo" or "Userptr" => new StressOp(kind, [Bo(), rng.Number(1, 4)]),
            "CpuWrite" or "GpuStore" => new StressOp(kind, [Bo(), rng.Number(0, 4095), rng.UInt()]),
            "Madvise" => new StressOp(kind, [Bo(), rng.Number(0, 1)]),
            "UserptrUnaligned" => new StressOp(kind, [rng.Number(0, 4094)]),
            "SpinEnd" or "DropCaches" or "WaitInterrupted" => new StressOp(kind, []),
            _ => new StressOp(kind, [Bo()]),
        };
    }

    public StressSession Start(Machine machine) => new I915StressSession(machine);
}
