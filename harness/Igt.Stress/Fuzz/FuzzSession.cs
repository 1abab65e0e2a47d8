using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Signals;
using Igt.Kernel.Sync;

namespace Igt.Stress.Fuzz;

/// <summary>
/// The processes a fuzz program runs in, on one machine: a parent task with the DRM files open (card, render,
/// render again) and a mapped arena per lane, then forked children sharing those fds. Lanes 0 and 1 are two
/// threads of the parent, lanes 2.. are the children. <see cref="Execute"/> runs one op as its task, from any
/// thread: sequentially from one thread for the deterministic mode, from a thread per lane for the concurrent one.
/// A watchdog interrupts calls that block longer than <see cref="CallTimeout"/> with a signal (EINTR).
/// </summary>
public sealed class FuzzSession : IDisposable
{
    public const int Files = 3;
    public const int DefaultLanes = 4;
    private readonly List<TaskStruct> _tasks = new();
    private readonly ManualResetEventSlim _stop = new();
    private readonly int[] _fds = new int[Files];
    private readonly Dictionary<(int Op, int Slot), ulong> _produced = new();
    private bool _disposed;

    public FuzzSession(Machine machine, FuzzTarget target, int lanes = DefaultLanes)
    {
        Machine = machine;
        Target = target;
        Lanes = lanes;
        var dev = machine.Devices.OfType<DrmDevice>().First();
        var parent = machine.Spawn($"syz-{target.Name}");
        parent.SigAction(Signal.SIGALRM, SigAction.Counting(restart: false));
        _tasks.Add(parent);
        _fds[0] = Check(parent.Open(dev.Primary.Path), "open card");
        _fds[1] = Check(parent.Open(dev.Render.Path), "open render");
        _fds[2] = Check(parent.Open(dev.Render.Path), "open render");
        for (var lane = 0; lane < lanes; lane++)
        {
            Check((int)Math.Min(0, parent.Mmap(FuzzArena.Base(lane), FuzzArena.MappedSize, Prot.ReadWrite,
                MapFlags.Private | MapFlags.Anonymous | MapFlags.Fixed)), "map arena");
            Check((int)Math.Min(0, parent.Mmap(FuzzArena.ReadOnly(lane), FuzzArena.PageSize, Prot.Read,
                MapFlags.Private | MapFlags.Anonymous | MapFlags.Fixed)), "map read-only page");
        }
        for (var lane = 2; lane < lanes; lane++)
            _tasks.Add(parent.Fork(_ => _stop.Wait(), $"syz-{target.Name}-{lane - 1}"));
    }

    public Machine Machine { get; }

    public FuzzTarget Target { get; }

    public int Lanes { get; }

    public int Tasks => _tasks.Count;

    /// <summary>How long one call may block before the watchdog interrupts it.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    public static int TaskOfLane(int lane) => lane < 2 ? 0 : lane - 1;

    public TaskStruct Task(int index) => _tasks[index];

    public int Fd(int file) => _fds[file];

    /// <summary>What op <paramref name="op"/> produced in slot <paramref name="slot"/>, if it ran and succeeded.</summary>
    public bool TryProduced(int op, int slot, out ulong value)
    {
        lock (_produced)
            return _produced.TryGetValue((op, slot), out value);
    }

    public void RecordProduced(int op, int slot, ulong value)
    {
        lock (_produced)
            _produced[(op, slot)] = value;
    }

    /// <summary>Runs one op as its task: fixups, user memory, the call (under the watchdog), the argument read back.</summary>
    public FuzzOpResult Execute(FuzzOp op)
    {
        var task = _tasks[Math.Min(op.Task, _tasks.Count - 1)];
        var arg = (byte[])op.Arg.Clone();
        var mem = op.Mem.Select(m => (byte[])m.Bytes.Clone()).ToArray();
        foreach (var f in op.Fixups)
        {
            var dst = f.Target < 0 ? arg : f.Target < mem.Length ? mem[f.Target] : null;
            if (dst is null || f.Offset + f.Width > dst.Length)
                continue;
            if (f.Op == FuzzFixup.Now)
            {
                var deadline = KernelTime.MonotonicNs + (long)FuzzValues.Read(dst, f.Offset, 8);
                if (f.Width == 16)
                {
                    FuzzValues.Write(dst, f.Offset, 8, (ulong)(deadline / 1_000_000_000));
                    FuzzValues.Write(dst, f.Offset + 8, 8, (ulong)(deadline % 1_000_000_000));
                }
                else
                {
                    FuzzValues.Write(dst, f.Offset, 8, (ulong)deadline);
                }
                continue;
            }
            if (TryProduced(f.Op, f.Slot, out var v))
                FuzzValues.Write(dst, f.Offset, f.Width, v);
        }
        for (var i = 0; i < mem.Length; i++)
            task.WriteMemory(op.Mem[i].Addr, mem[i]);

        switch (op.Kind)
        {
            case FuzzOpKind.Close:
                return new FuzzOpResult(task.Close((int)BitConverter.ToUInt32(arg)), null, arg);
            case FuzzOpKind.Remap:
            {
                var addr = BitConverter.ToUInt64(arg, 0);
                var len = BitConverter.ToUInt64(arg, 8);
                var r = task.Munmap(addr, len);
                if (r == 0)
                    r = (int)Math.Min(0, task.Mmap(addr, len, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous | MapFlags.Fixed));
                return new FuzzOpResult(r, null);
            }
        }

        var inArena = InArena(op.ArgAddr, (ulong)arg.Length);
        if (inArena)
            task.WriteMemory(op.ArgAddr, arg);
        int ret;
        using (var watchdog = new Timer(_ => task.Signals.Send(Signal.SIGALRM), null, CallTimeout, Timeout.InfiniteTimeSpan))
            ret = task.Ioctl(_fds[Math.Min(op.File, Files - 1)], op.Cmd, op.ArgAddr);
        byte[]? outBytes = null;
        if (inArena)
        {
            outBytes = new byte[arg.Length];
            if (task.ReadMemory(op.ArgAddr, outBytes) != FaultResult.Ok)
                outBytes = null;
        }
        return new FuzzOpResult(ret, outBytes, arg, mem);
    }

    private bool InArena(ulong addr, ulong len)
    {
        for (var lane = 0; lane < Lanes; lane++)
        {
            if (addr >= FuzzArena.Base(lane) && addr + len <= FuzzArena.End(lane) && addr + len >= addr)
                return true;
        }
        return false;
    }

    /// <summary>Children exit, then the parent: every fd closed and every mapping gone.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stop.Set();
        for (var i = 1; i < _tasks.Count; i++)
            _tasks[0].WaitPid(_tasks[i], 10_000);
        _tasks[0].Exit();
    }

    private static int Check(int r, string what) =>
        r < 0 ? throw new InvalidOperationException($"fuzz setup: {what} failed: {Errno.Name(-r)}") : r;
}
