using Igt.Kernel;
using Igt.Kernel.Sync;

namespace Igt.Drivers.Etnaviv.Hw;

/// <summary>
/// The GPU's front end (FE): fetches commands from <see cref="DmaAddress"/> through the MMU and executes them on a
/// kernel thread. LOAD_STATE writes states (GL_EVENT raises an event interrupt, GL_PIPE_SELECT picks the pipe,
/// MMUv2_CONFIGURATION switches the page table, RS_KICKER runs the resolve engine); NOP, STALL and the draw commands
/// only advance; WAIT idles until the kernel kicks (the ring's WAIT/LINK loop), LINK jumps, CALL/RETURN go one
/// level deep, END stops. An unknown opcode stalls the FE where it is, so hangcheck finds no progress. A fault stops
/// the FE and raises the MMU or AXI interrupt. Interrupts are delivered after the FE lets go of its own lock.
/// </summary>
public sealed class EtnavivFrontEnd
{
    private const int BatchCommands = 64;
    private const long BytesPerMs = 1L << 20; // the resolve engine's emulated bandwidth: 1 GiB/s

    private readonly EtnavivGpu _gpu;
    private readonly object _dispatchLock = new();
    private readonly WaitQueue _kick = new();
    private readonly Dictionary<uint, uint> _states = new();
    private readonly EtnavivResolveEngine _rs;
    private KernelThread? _thread;
    private volatile bool _running;
    private volatile uint _dmaAddress;
    private long _kickSeq;
    private uint _returnAddress;
    private long _busyBytes;

    public EtnavivFrontEnd(EtnavivGpu gpu)
    {
        _gpu = gpu;
        _rs = new EtnavivResolveEngine(gpu.Bus);
    }

    /// <summary>VIVS_FE_DMA_ADDRESS: the command being executed.</summary>
    public uint DmaAddress => _dmaAddress;

    public bool Running => _running;

    /// <summary>
    /// The page table the FE and the engines translate through (MMUv2). The emulated hardware holds a reference on it
    /// until it loads another one (or halts): the kernel drops gpu->mmu_context when it queues the switch, but the FE
    /// keeps fetching the ring's WAIT/LINK through the old tables until it reaches the switch, and a real MMU does that
    /// from its TLB rather than from freed memory that KASAN would see.
    /// </summary>
    public EtnavivIommuContext? Context { get; private set; }

    private readonly List<EtnavivIommuContext> _dropped = new();

    /// <summary>GL_PIPE_SELECT: 0 = 3D, 1 = 2D.</summary>
    public uint Pipe { get; private set; }

    /// <summary>Commands executed since boot (debugfs).</summary>
    public long Commands { get; private set; }

    /// <summary>etnaviv_gpu_start_fe(): starts fetching at <paramref name="address"/> in <paramref name="context"/>.</summary>
    public void Start(uint address, EtnavivIommuContext? context)
    {
        lock (_dispatchLock)
        {
            if (context is not null && !context.TryGet())
                context = null;
            SetContextLocked(context);
            _dmaAddress = address;
            _returnAddress = 0;
            _running = true;
        }
        _thread ??= _gpu.Priv.Machine.StartKernelThread($"etnaviv-fe/{_gpu.CoreName}", Loop);
        Kick();
    }

    /// <summary>
    /// Stops the FE and waits until it is between commands and has delivered the interrupts of its last batch
    /// (a reset or an unbind). Must not be called from an interrupt handler.
    /// </summary>
    public void Halt()
    {
        _running = false;
        Kick();
        lock (_dispatchLock)
        {
            _states.Clear();
            Pipe = 0;
            SetContextLocked(null);
        }
        PutDropped();
    }

    /// <summary>The kernel changed the ring: a waiting FE re-fetches now.</summary>
    public void Kick()
    {
        Interlocked.Increment(ref _kickSeq);
        _kick.WakeUpAll();
    }

    public void Shutdown()
    {
        _running = false;
        Kick();
        _thread?.Stop();
        lock (_dispatchLock)
            SetContextLocked(null);
        PutDropped();
    }

    private void Loop(CancellationToken ct)
    {
        var irqs = new List<int>();
        while (!ct.IsCancellationRequested)
        {
            if (!_running)
            {
                _kick.WaitEvent(() => _running || ct.IsCancellationRequested, 100_000_000, interruptible: false);
                continue;
            }
            var seq = Interlocked.Read(ref _kickSeq);
            irqs.Clear();
            BatchResult r;
            lock (_dispatchLock)
            {
                r = Batch(irqs);
                foreach (var ev in irqs)
                    _gpu.OnEventIrq(ev);
                if (r.Fault.IsFault)
                    _gpu.OnFaultIrq(r.Fault);
            }
            PutDropped();
            if (r.JobStart is { } job)
                _gpu.OnJobStart(job);
            if (r.BusyMs > 0)
                Thread.Sleep((int)Math.Min(r.BusyMs, 100));
            if (r.Wait)
                _kick.WaitEvent(() => Interlocked.Read(ref _kickSeq) != seq || !_running || ct.IsCancellationRequested, 20_000_000, interruptible: false);
            else if (r.Stalled)
                Thread.Sleep(2);
        }
    }

    /// <summary>Switches the hardware's page table (caller holds the dispatch lock and a reference on <paramref name="next"/>).</summary>
    private void SetContextLocked(EtnavivIommuContext? next)
    {
        if (Context is { } old)
        {
            lock (_dropped)
                _dropped.Add(old);
        }
        Context = next;
    }

    /// <summary>Drops the references on page tables the FE left, outside the dispatch lock (the last one frees them).</summary>
    private void PutDropped()
    {
        List<EtnavivIommuContext> drop;
        lock (_dropped)
        {
            if (_dropped.Count == 0)
                return;
            drop = _dropped.ToList();
            _dropped.Clear();
        }
        foreach (var c in drop)
            c.Put();
    }

    /// <summary>Executes up to a batch of commands; caller holds the dispatch lock.</summary>
    private BatchResult Batch(List<int> irqs)
    {
        var result = new BatchResult();
        for (var n = 0; n < BatchCommands && _running; n++)
        {
            Commands++;
            var addr = _dmaAddress;
            var f = Fetch(addr, out var header);
            if (!f.IsFault)
                f = Fetch(addr + 4, out _);
            if (f.IsFault)
                return Stop(result with { Fault = f });
            var op = EtnavivCmdstream.Opcode(header);
            switch (op)
            {
                case EtnavivCmdstream.OpLoadState:
                {
                    var count = EtnavivCmdstream.LoadStateCount(header);
                    var state = EtnavivCmdstream.LoadStateAddress(header);
                    for (var i = 0u; i < count; i++)
                    {
                        f = Fetch(addr + 4 + i * 4, out var value);
                        if (f.IsFault)
                            return Stop(result with { Fault = f });
                        f = WriteState(state + i * 4, value, irqs);
                        if (f.IsFault)
                            return Stop(result with { Fault = f });
                    }
                    _dmaAddress = addr + ((1 + count + 1) & ~1u) * 4;
                    break;
                }
                case EtnavivCmdstream.OpEnd:
                    if ((header & 0x100) != 0)
                        irqs.Add((int)(header & 0x1f));
                    _running = false;
                    return result;
                case EtnavivCmdstream.OpWait:
                    _dmaAddress = addr + 8;
                    return result with { Wait = true };
                case EtnavivCmdstream.OpLink:
                {
                    Fetch(addr + 4, out var target);
                    _dmaAddress = target;
                    if (target == addr)
                        return result with { Stalled = true };
                    if (_gpu.TakeJobAt(target) is { } job)
                        return result with { JobStart = job };
                    break;
                }
                case EtnavivCmdstream.OpCall:
                {
                    Fetch(addr + 4, out var target);
                    Fetch(addr + 12, out var ret);
                    _returnAddress = ret;
                    _dmaAddress = target;
                    break;
                }
                case EtnavivCmdstream.OpReturn:
                    _dmaAddress = _returnAddress;
                    break;
                case EtnavivCmdstream.OpDraw2D:
                    _dmaAddress = addr + (uint)EtnavivCmdstream.Draw2DLength(header) * 4;
                    break;
                case EtnavivCmdstream.OpNop:
                case EtnavivCmdstream.OpStall:
                case EtnavivCmdstream.OpChipSelect:
                case EtnavivCmdstream.OpDrawPrimitives:
                case EtnavivCmdstream.OpDrawIndexedPrimitives:
                case EtnavivCmdstream.OpDrawInstanced:
                {
                    var len = EtnavivCmdstream.FixedLength(op);
                    _dmaAddress = addr + (uint)(len == 0 ? 2 : len) * 4;
                    break;
                }
                default:
                    // Undefined opcode: the FE sits on it; hangcheck will see no progress.
                    return result with { Stalled = true };
            }
            if (irqs.Count > 0)
                break;
        }
        if (_busyBytes >= BytesPerMs)
        {
            result = result with { BusyMs = _busyBytes / BytesPerMs };
            _busyBytes %= BytesPerMs;
        }
        return result;
    }

    private BatchResult Stop(BatchResult r)
    {
        _running = false;
        return r;
    }

    private EtnavivBusFault Fetch(uint addr, out uint value) => _gpu.Bus.ReadDword(Context, addr, out value, "etnaviv_fe_fetch");

    private EtnavivBusFault WriteState(uint state, uint value, List<int> irqs)
    {
        _states[state] = value;
        switch (state)
        {
            case EtnavivStates.GlEvent:
                irqs.Add((int)(value & 0x1f));
                break;
            case EtnavivStates.GlPipeSelect:
                Pipe = value & 1;
                break;
            case EtnavivStates.MmuV2Configuration when _gpu.Priv.MmuGlobal.Version == EtnavivIommuVersion.V2:
                if ((value & EtnavivStates.MmuV2ConfigurationAddressMask) != 0)
                {
                    var next = _gpu.Priv.MmuGlobal.FindV2(value & EtnavivStates.MmuV2ConfigurationAddressMask);
                    SetContextLocked(next is not null && next.TryGet() ? next : null);
                }
                break;
            case EtnavivStates.RsKicker when value == EtnavivStates.RsKick && Pipe == 0:
            {
                var f = _rs.Kick(Context, s => _states.TryGetValue(s, out var v) ? v : 0, out var bytes);
                _busyBytes += bytes;
                return f;
            }
        }
        return EtnavivBusFault.None;
    }

    private readonly record struct BatchResult(bool Wait, bool Stalled, EtnavivBusFault Fault, EtnavivGemSubmit? JobStart, long BusyMs);
}
