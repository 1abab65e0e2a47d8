using Igt.Drivers.Panfrost;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Igt.Panfrost;
using Xunit.Abstractions;

namespace Igt.Tests.Panfrost;

/// <summary>
/// Base of the panfrost binaries: a machine with one panfrost GPU (Mali-G52 at fde60000.gpu), the fd the upstream
/// binaries open in their first igt_fixture, and access to the GPU fault log (the driver's dmesg lines).
/// </summary>
public abstract class PanfrostTest : IgtTest
{
    /// <summary>The dev_err lines of an unhandled GPU page fault and of a faulting job.</summary>
    protected const string FaultRegex =
        @"^panfrost \S+: (Unhandled Page fault|Reason: |raw fault status|decoded fault status|exception type|access type|source id|js fault)";

    /// <summary>The scheduler-timeout report of a hung job.</summary>
    protected const string TimeoutRegex = @"^panfrost \S+: (gpu sched timeout|Soft-stop failed)";

    /// <summary>
    /// The first GPU job in a test process JIT-compiles the scheduler, job slot and MMU paths, which can take longer
    /// than the 100 ms deadlines upstream uses on a loaded 2-core runner. One throw-away machine runs the paths
    /// once per process so those deadlines measure the emulated GPU, not the JIT.
    /// </summary>
    private static readonly Lazy<bool> JitWarmUp = new(WarmUp, LazyThreadSafetyMode.ExecutionAndPublication);

    private int? _fd;

    protected PanfrostTest(ITestOutputHelper output) : base(output) => _ = JitWarmUp.Value;

    /// <summary>The fixture fd (drm_open_driver(DRIVER_PANFROST)).</summary>
    protected int Fd => _fd ??= Igt.Panfrost.Panfrost.Open(Sys);

    protected override void Configure(MachineConfig config) => config.WithDevice(new PanfrostSpec());

    /// <summary>The GPU fault log: "Unhandled Page fault" and "js fault" records logged so far.</summary>
    protected IReadOnlyList<string> GpuFaults() =>
        KernelLog().Where(t => t.Contains("Unhandled Page fault", StringComparison.Ordinal) || t.Contains(": js fault,", StringComparison.Ordinal))
            .ToList();

    /// <summary>Every kernel dmesg line containing <paramref name="text"/> (IGT's own "[IGT]" markers left out).</summary>
    protected IReadOnlyList<string> DmesgLines(string text) =>
        KernelLog().Where(t => !t.StartsWith("[IGT]", StringComparison.Ordinal) && t.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>The kernel log as the fixture captures it (the emulated machine's dmesg).</summary>
    private IEnumerable<string> KernelLog()
    {
        Core.IgtCore.Require(Sys.IsEmulated, "the kernel log of the machine under test");
        return Machine.Dmesg.ReadAll().Select(r => r.Text);
    }

    /// <summary>A subtest that provokes GPU faults on purpose: their dev_err lines do not count as dmesg warnings.</summary>
    protected void ExpectGpuFaults() => IgnoreDmesg(FaultRegex);

    /// <summary>A workload seed derived from the machine seed, so IGT_SEED replays the same workload.</summary>
    protected int WorkloadSeed(string salt = "workload") => unchecked((int)MachineSeed(salt));

    private static bool WarmUp()
    {
        try
        {
            using var machine = Machine.Boot(new MachineConfig { Kswapd = false }.WithDevice(new PanfrostSpec()));
            var sys = new EmulatedSyscalls(machine.Spawn("warmup"));
            var fd = Igt.Panfrost.Panfrost.Open(sys);
            foreach (var fault in new[] { false, true })
            {
                var job = PanfrostSubmission.WriteValueJob(sys, fd, fault);
                job.Submit(sys, fd);
                job.Wait(sys, fd, 5_000_000_000);
            }
            var spin = PanfrostSpin.Submit(sys, fd);
            spin.Free(sys, fd);
            return true;
        }
        catch (Exception)
        {
            return false; // only a warm-up: the tests report real problems themselves
        }
    }

    /// <summary>Waits for a submission and asserts it signalled in time.</summary>
    protected void AssertCompletes(PanfrostSubmission submit, int fd, long ns = 1_000_000_000, string what = "job")
    {
        submit.Wait(Sys, fd, ns).Should().BeTrue($"the {what} signals its out-sync within {ns / 1_000_000} ms");
    }
}
