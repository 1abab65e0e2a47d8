using Igt.Kernel.Fault;
using Igt.Kernel.Mm;
using Igt.Kernel.Printk;
using Igt.Kernel.Process;
using Igt.Kernel.Vfs;

namespace Igt.Kernel;

/// <summary>
/// One emulated machine: the kernel core (memory, tasks, dmesg, pseudo files) and the devices of its config.
/// Boots in microseconds; threads (kswapd, engines) start lazily and stop on <see cref="Dispose"/>.
/// </summary>
public sealed class Machine : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<int, TaskStruct> _tasks = new();
    private readonly List<MmStruct> _mms = new();
    private readonly List<object> _devices = new();
    private readonly List<Action> _shutdownHooks = new();
    private readonly List<KernelThread> _threads = new();
    private int _nextPid = 1;
    private bool _disposed;

    private Machine(MachineConfig config)
    {
        Config = config;
        Random = new KernelRandom(config.Seed);
        Dmesg = new Dmesg();
        Report = new KernelReport(Dmesg);
        Faults = new FaultInjection();
        Swap = new SwapArea(config.SwapBytes);
        Pages = new PageAllocator(config.RamBytes, Swap, Random.Derive("reclaim"), Dmesg, Report, Faults, config.Kswapd);
        Pages.RegisterShrinker(new AnonShrinker(this));
        RegisterProcFiles();
    }

    public MachineConfig Config { get; }

    public KernelVersion Version => Config.KernelVersion;

    public KernelRandom Random { get; }

    public Dmesg Dmesg { get; }

    public KernelReport Report { get; }

    public FaultInjection Faults { get; }

    public SwapArea Swap { get; }

    public PageAllocator Pages { get; }

    public DeviceNodes Vfs { get; } = new();

    public KernelFs KernelFs { get; } = new();

    /// <summary>Pages in use right after boot, for leak checks at teardown.</summary>
    public long BootUsedPages { get; private set; }

    public IReadOnlyList<object> Devices
    {
        get { lock (_lock) return _devices.ToArray(); }
    }

    /// <summary>Boots a machine: kernel core, then each configured device in order.</summary>
    public static Machine Boot(MachineConfig config)
    {
        var m = new Machine(config);
        m.Dmesg.Printk(LogLevel.Notice, $"Linux version {config.KernelVersion}.0-igt (emulated) seed 0x{config.Seed:x}");
        foreach (var spec in config.Devices)
        {
            var dev = spec.Probe(m);
            lock (m._lock)
                m._devices.Add(dev);
        }
        m.BootUsedPages = m.Pages.UsedPages;
        return m;
    }

    /// <summary>Whether the named known bug ("driver.Bug") is switched on for this machine.</summary>
    public bool BugEnabled(string driver, string bug) => Config.KnownBugs.Contains($"{driver}.{bug}");

    public T Device<T>(int index = 0) where T : class =>
        Devices.OfType<T>().Skip(index).FirstOrDefault() ?? throw new InvalidOperationException($"no {typeof(T).Name} #{index}");

    /// <summary>A new process with an empty address space (like a fresh exec).</summary>
    public TaskStruct Spawn(string comm = "igt", bool root = true)
    {
        var t = CreateTask(comm, root, null);
        t.Mm = new MmStruct(this, t);
        return t;
    }

    public TaskStruct? FindTask(int pid)
    {
        lock (_lock)
            return _tasks.TryGetValue(pid, out var t) ? t : null;
    }

    public IReadOnlyList<TaskStruct> Tasks
    {
        get { lock (_lock) return _tasks.Values.ToArray(); }
    }

    public MemInfo MemInfo()
    {
        long P(long pages) => pages << PageAllocator.PageShift;
        var free = Pages.FreePages;
        return new MemInfo(
            P(Pages.TotalPages), P(free), P(free + Pages.PagesOwnedBy(PageOwner.Shmem) / 2),
            P(Pages.PagesOwnedBy(PageOwner.Anon)), P(Pages.PagesOwnedBy(PageOwner.Shmem)),
            P(Pages.PagesOwnedBy(PageOwner.PageTable)), P(Pages.PagesOwnedBy(PageOwner.Kernel)),
            P(Pages.PagesOwnedBy(PageOwner.Cma)), P(Swap.TotalPages), P(Swap.TotalPages - Swap.UsedPages));
    }

    /// <summary>Starts a kernel thread; exceptions in it become an oops. Stopped (cancelled, joined) at shutdown.</summary>
    public KernelThread StartKernelThread(string name, Action<CancellationToken> body)
    {
        var kt = new KernelThread(this, name, body);
        lock (_lock)
        {
            if (_disposed)
                throw new ObjectDisposedException(nameof(Machine));
            _threads.Add(kt);
        }
        kt.Start();
        return kt;
    }

    /// <summary>Runs at shutdown before threads stop (devices stop their engines here).</summary>
    public void OnShutdown(Action hook)
    {
        lock (_lock)
            _shutdownHooks.Add(hook);
    }

    /// <summary>Shuts the machine down: every task exits, devices stop, kernel threads are joined.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        foreach (var t in Tasks)
        {
            try
            {
                t.Signals.Send(Signals.Signal.SIGKILL);
                t.Exit(137);
            }
            catch (Exception e)
            {
                Report.OopsFromException(e, "do_exit", t.Pid, t.Comm);
            }
        }
        List<Action> hooks;
        List<KernelThread> threads;
        lock (_lock)
        {
            hooks = _shutdownHooks.AsEnumerable().Reverse().ToList();
            threads = _threads.ToList();
        }
        foreach (var h in hooks)
        {
            try
            {
                h();
            }
            catch (Exception e)
            {
                Report.OopsFromException(e, "device_shutdown");
            }
        }
        foreach (var kt in threads)
            kt.Stop();
        Pages.Stop();
    }

    internal TaskStruct CreateTask(string comm, bool root, TaskStruct? parent)
    {
        lock (_lock)
        {
            var t = new TaskStruct(this, _nextPid++, comm, root, parent);
            _tasks[t.Pid] = t;
            return t;
        }
    }

    internal void RemoveTask(TaskStruct t)
    {
        lock (_lock)
            _tasks.Remove(t.Pid);
    }

    internal void RegisterMm(MmStruct mm)
    {
        lock (_mms)
            _mms.Add(mm);
    }

    internal void UnregisterMm(MmStruct mm)
    {
        lock (_mms)
            _mms.Remove(mm);
    }

    internal List<MmStruct> LiveMms()
    {
        lock (_mms)
            return _mms.ToList();
    }

    private void RegisterProcFiles()
    {
        KernelFs.Register("/proc/meminfo", () => MemInfo().Format());
        KernelFs.Register("/proc/vmstat", () => Pages.VmStat.Format());
        KernelFs.Register("/proc/sys/kernel/tainted", () => $"{(uint)Dmesg.Tainted}\n");
        KernelFs.Register("/proc/sys/vm/drop_caches", null, text =>
        {
            if (!int.TryParse(text.Trim(), out var v) || v is < 1 or > 4)
                return -Errno.EINVAL;
            Pages.ReclaimAll();
            return 0;
        });
        KernelFs.Register("/proc/version", () => $"Linux version {Version}.0-igt (emulated)\n");
    }
}
