namespace Igt.Drivers.Panfrost.Hw;

/// <summary>A job chain handed to a job slot (JS_HEAD_NEXT / JS_CONFIG_NEXT / JS_COMMAND_NEXT = START).</summary>
public sealed class HwJob(object owner, PanfrostMmu mmu, ulong jc, uint config)
{
    private long _gpuTimeNs;

    /// <summary>The driver's job (panfrost keeps pfdev->jobs[slot][]).</summary>
    public object Owner { get; } = owner;

    public PanfrostMmu Mmu { get; } = mmu;

    /// <summary>Where the chain starts; after a soft-stop, where it resumes (JS_TAIL).</summary>
    public ulong Jc { get; set; } = jc;

    /// <summary>JS_CONFIG: the AS number and the flush/priority bits.</summary>
    public uint Config { get; set; } = config;

    /// <summary>Generation of the address-space reference the chain holds (see PanfrostAddressSpaces.Get).</summary>
    public long AsGeneration { get; set; }

    /// <summary>
    /// GPU time the chain has consumed (job costs, dependency stalls, injected engine delays), in ns. The emulated
    /// GPU is a host thread that host load can starve; this is the clock that says whether it really ran long.
    /// </summary>
    public long GpuTimeNs => Interlocked.Read(ref _gpuTimeNs);

    /// <summary>JS_HEAD while running: the descriptor being executed.</summary>
    public ulong Head { get; internal set; }

    /// <summary>JS_TAIL: the last descriptor the slot reached.</summary>
    public ulong Tail { get; internal set; }

    internal void Charge(long ns) => Interlocked.Add(ref _gpuTimeNs, ns);
}
