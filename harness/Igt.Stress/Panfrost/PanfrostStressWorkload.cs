using Bogus;
using Igt.Drivers.Panfrost;
using Igt.Kernel;
using Igt.Stress.Workloads;

namespace Igt.Stress.Panfrost;

/// <summary>
/// panfrost-mixed: what the 2019 panfrost_gem_mapping thread describes, as a random mix. BOs created, written by the
/// CPU and by WRITE_VALUE jobs, shared by flink, dma-buf and forked processes, handles closed while spinners keep
/// jobs in flight, marked DONTNEED (busy or shared) and reclaimed.
/// </summary>
public sealed class PanfrostStressWorkload : IStressWorkload
{
    private static readonly StressOpKind[] AllKinds =
    [
        new("CreateBo", 10, "bo", "fd", "pages"),
        new("CpuWrite", 10, "bo", "dword", "value"),
        new("GpuWrite", 10, "bo", "fd", "dword", "value"),
        new("SpinWrite", 8, "spin", "bo", "fd", "dword", "value"),
        new("SpinEnd", 6, "spin"),
        new("CloseHandle", 7, "bo", "fd"),
        new("Unmap", 3, "bo"),
        new("Flink", 4, "bo", "from", "to"),
        new("Prime", 4, "bo", "from", "to"),
        new("ForkGpuWrite", 2, "bo", "dword", "value"),
        new("Madvise", 6, "bo", "fd", "dontneed"),
        new("Thrash", 4),
    ];

    public string Name => "panfrost-mixed";

    public string Driver => KnownBugs.Driver;

    public Type SessionType => typeof(PanfrostStressSession);

    public IReadOnlyList<StressOpKind> Kinds => AllKinds;

    public IReadOnlyList<string> ExpectedDmesg => [];

    public void Configure(MachineConfig config)
    {
        config.WithDevice(new PanfrostSpec());
        // Reclaim only when an operation asks for it: background kswapd would make replays differ.
        config.Kswapd = false;
    }

    public StressOp Next(Randomizer rng)
    {
        var kind = StressGen.Pick(rng, AllKinds);
        long Bo() => rng.Number(0, PanfrostStressSession.BoSlots - 1);
        long Fd() => rng.Number(0, PanfrostStressSession.FdSlots - 1);
        long Dword() => rng.Number(0, 4095);
        long Value() => rng.UInt();
        long Spin() => rng.Number(0, PanfrostStressSession.SpinSlots - 1);
        return kind.Name switch
        {
            "CreateBo" => new StressOp(kind, [Bo(), Fd(), rng.Number(1, 4)]),
            "CpuWrite" => new StressOp(kind, [Bo(), Dword(), Value()]),
            "GpuWrite" => new StressOp(kind, [Bo(), Fd(), Dword(), Value()]),
            "SpinWrite" => new StressOp(kind, [Spin(), Bo(), Fd(), Dword(), Value()]),
            "SpinEnd" => new StressOp(kind, [Spin()]),
            "CloseHandle" => new StressOp(kind, [Bo(), Fd()]),
            "Unmap" => new StressOp(kind, [Bo()]),
            "Flink" or "Prime" => new StressOp(kind, [Bo(), Fd(), Fd()]),
            "ForkGpuWrite" => new StressOp(kind, [Bo(), Dword(), Value()]),
            "Madvise" => new StressOp(kind, [Bo(), Fd(), rng.Number(0, 1)]),
            _ => new StressOp(kind, []),
        };
    }

    public StressSession Start(Machine machine) => new PanfrostStressSession(machine);
}
