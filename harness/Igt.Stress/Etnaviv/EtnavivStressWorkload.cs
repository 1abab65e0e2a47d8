using Bogus;
using Igt.Drivers.Etnaviv;
using Igt.Kernel;
using Igt.Stress.Workloads;

namespace Igt.Stress.Etnaviv;

/// <summary>
/// etnaviv-mixed: the 2015 "Moving Etnaviv forward" thread as a random mix: lazily populated BOs, CPU and GPU writes,
/// streams changed after submit, a second client faulting inside GEM_SUBMIT, out-of-bounds relocations, thrash, and (rarely, it ends the run) unbind.
/// </summary>
public sealed class EtnavivStressWorkload : IStressWorkload
{
    private static readonly StressOpKind[] AllKinds =
    [
        new("CreateBo", 50, "bo", "pages"),
        new("CpuWrite", 70, "bo", "dword", "value"),
        new("GpuStore", 60, "bo", "dword", "value"),
        new("SubmitThenChange", 15, "bo", "dword", "value"),
        new("SubmitWhileOtherFaults", 3, "bo", "dword", "value"),
        new("BadReloc", 10, "bo", "past"),
        new("CloseHandle", 30, "bo"),
        new("Thrash", 10),
        new("Unbind", 1),
    ];

    public string Name => "etnaviv-mixed";

    public string Driver => EtnavivKnownBugs.Driver;

    public Type SessionType => typeof(EtnavivStressSession);

    public IReadOnlyList<StressOpKind> Kinds => AllKinds;

    public IReadOnlyList<string> ExpectedDmesg => [EtnavivStressSession.SubmitErrorsRegex];

    public void Configure(MachineConfig config)
    {
        config.WithDevice(new EtnavivSpec(EtnavivIommuVersion.V1));
        config.Kswapd = false;
    }

    public StressOp Next(Randomizer rng)
    {
        var kind = StressGen.Pick(rng, AllKinds);
        long Bo() => rng.Number(0, EtnavivStressSession.BoSlots - 1);
        return kind.Name switch
        {
            "CreateBo" => new StressOp(kind, [Bo(), rng.Number(1, 16)]),
            "CpuWrite" or "GpuStore" or "SubmitThenChange" or "SubmitWhileOtherFaults" => new StressOp(kind, [Bo(), rng.Number(0, 16383), rng.UInt()]),
            "BadReloc" => new StressOp(kind, [Bo(), rng.Number(0, 3)]),
            "CloseHandle" => new StressOp(kind, [Bo()]),
            _ => new StressOp(kind, []),
        };
    }

    public StressSession Start(Machine machine) => new EtnavivStressSession(machine);
}
