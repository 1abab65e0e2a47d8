using Igt.Drivers.Panfrost.Hw;
using Igt.Drm;
using Igt.Kernel;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// struct panfrost_device: the GPU model and its features, the job slots and their schedulers, the address-space
/// slots, the MMU fault handler, the reset path, the shrinker list, and the known bugs switched on for it.
/// </summary>
public sealed class PanfrostDevice
{
    private readonly HashSet<string> _bugs;
    private int _nextMmuId;

    internal PanfrostDevice(DrmDevice dev, PanfrostSpec spec, int driverMinor)
    {
        Dev = dev;
        Spec = spec;
        Model = spec.Model;
        DriverMinor = driverMinor;
        _bugs = KnownBugs.All.Where(b => dev.Machine.BugEnabled(KnownBugs.Driver, b)).ToHashSet();
        AddressSpaces = new PanfrostAddressSpaces(this);
        MmuFaults = new PanfrostMmuFaults(this);
        Reset = new PanfrostReset(this);
        Queues = [new PanfrostJobQueue(this, 0, spec.JobTimeout), new PanfrostJobQueue(this, 1, spec.JobTimeout)];
        Shrinker = new PanfrostShrinker(this);
        Perfcnt = new PanfrostPerfcnt(this);
    }

    public DrmDevice Dev { get; }

    public Machine Machine => Dev.Machine;

    public PanfrostSpec Spec { get; }

    public MaliGpuModel Model { get; }

    /// <summary>The uAPI minor version this kernel's panfrost has (1.x).</summary>
    public int DriverMinor { get; }

    public PanfrostAddressSpaces AddressSpaces { get; }

    public PanfrostMmuFaults MmuFaults { get; }

    public PanfrostReset Reset { get; }

    /// <summary>JS0 (fragment) and JS1 (vertex/tiler/compute).</summary>
    public PanfrostJobQueue[] Queues { get; }

    public PanfrostShrinker Shrinker { get; }

    public PanfrostPerfcnt Perfcnt { get; }

    /// <summary>pfdev->shrinker_lock.</summary>
    public object ShrinkerLock { get; } = new();

    /// <summary>pfdev->shrinker_list: DONTNEED BOs. Guarded by <see cref="ShrinkerLock"/>.</summary>
    internal List<PanfrostGem> ShrinkerList { get; } = new();

    /// <summary>Whether a known bug is switched on for this device's machine.</summary>
    public bool Bug(string name) => _bugs.Contains(name);

    internal int NextMmuId() => Interlocked.Increment(ref _nextMmuId);

    /// <summary>JS_CONFIG for a chain in <paramref name="asNr"/>: thread priority 8, flush/clean-invalidate at start and end.</summary>
    internal uint JsConfig(int asNr) =>
        (uint)asNr | (8u << 16) | (3u << 8) | (3u << 12) | (Model.FlushReduction ? 1u << 14 : 0);

    /// <summary>Probe: the messages panfrost_gpu_init prints, then the shrinker.</summary>
    internal void Init()
    {
        var rev = Model.Revision;
        Dev.DevInfo($"mali-{Model.Name} id 0x{Model.ProdId:x} major 0x{rev >> 12:x} minor 0x{(rev >> 4) & 0xff:x} status 0x{rev & 0xf:x}");
        Dev.DevInfo($"Features: L2:0x{Model.L2Features:x8} Shader:0x{Model.CoreFeatures:x8} Tiler:0x{Model.TilerFeatures:x8} " +
                    $"Mem:0x{Model.MemFeatures:x} MMU:0x{Model.MmuFeatures:x8} AS:0x{Model.AsPresent:x} JS:0x{Model.JsPresent:x}");
        Dev.DevInfo($"shader_present=0x{Model.ShaderPresent:x} l2_present=0x{Model.L2Present:x}");
        Machine.Pages.RegisterShrinker(Shrinker);
    }

    /// <summary>panfrost_mmu_ctx_create for a new file.</summary>
    internal int CreateMmu(out PanfrostMmu? mmu) => PanfrostMmu.Create(this, NextMmuId(), out mmu);
}
