using System.Text;
using Igt.Drm.Gem;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Printk;

namespace Igt.Drm;

/// <summary>
/// struct drm_device: one GPU with its primary (/dev/dri/cardN) and render (/dev/dri/renderD(128+N)) nodes, its
/// open files, flink names and fake mmap offsets. drm_dev_enter/exit guard against unplug.
/// </summary>
public sealed class DrmDevice
{
    private readonly object _lock = new();
    private readonly List<DrmFile> _files = new();
    private readonly Dictionary<long, WeakReference<GemObject>> _objects = new();
    private long _nextObjectId = 1;
    private int _active;
    private volatile bool _unplugged;

    public DrmDevice(Machine machine, DrmDriver driver, int index, string devName)
    {
        Machine = machine;
        Driver = driver;
        Index = index;
        DevName = devName;
        Primary = new DrmMinor(this, DrmMinorType.Primary, index);
        Render = new DrmMinor(this, DrmMinorType.Render, 128 + index);
    }

    public Machine Machine { get; }

    public DrmDriver Driver { get; }

    public int Index { get; }

    /// <summary>The platform/PCI device name dev_err prints ("fde60000.gpu", "0000:00:02.0").</summary>
    public string DevName { get; }

    /// <summary>The device's DMA requirements (coherency, contiguity, address limit), from its spec.</summary>
    public DmaConstraints Dma { get; internal set; } = DmaConstraints.CoherentIommu;

    public DrmMinor Primary { get; }

    public DrmMinor Render { get; }

    public VmaOffsetManager VmaOffsets { get; } = new();

    /// <summary>object_name_idr: flink names. Guarded by <see cref="NameLock"/>.</summary>
    internal Idr<GemObject> ObjectNames { get; } = new();

    internal object NameLock { get; } = new();

    public bool Unplugged => _unplugged;

    public string DebugfsDir => $"/sys/kernel/debug/dri/{Index}";

    /// <summary>The sysfs file that unbinds the driver from this device.</summary>
    public string UnbindPath => $"/sys/class/drm/card{Index}/device/driver/unbind";

    public IReadOnlyList<DrmFile> Files
    {
        get { lock (_lock) return _files.ToArray(); }
    }

    /// <summary>Registers the nodes and debugfs files (drm_dev_register).</summary>
    public void Register()
    {
        Machine.Vfs.Register(Primary.Path, Primary);
        Machine.Vfs.Register(Render.Path, Render);
        var dir = new KernelFsDir(Machine.KernelFs, DebugfsDir);
        dir.Add("name", () => $"{Driver.Name} dev={DevName} unique={DevName}\n");
        dir.Add("clients", FormatClients);
        dir.Add("gem_names", FormatNames);
        dir.Add("gem_objects", FormatObjects);
        Driver.RegisterDebugfs(this, dir);
        // echo <dev> > /sys/class/drm/cardN/device/driver/unbind: hot-unplug with everything still open.
        Machine.KernelFs.Register(UnbindPath, null, name => name.Trim() == DevName ? UnplugFromSysfs() : -Errno.ENODEV);
        Machine.OnShutdown(() => Driver.Shutdown(this));
        if (Driver.ShmemReclaim)
            Machine.Pages.RegisterShrinker(new GemShmemShrinker(this));
        Heaps.DmaHeap.RegisterDefaults(Machine);
        DevInfo($"[drm] Initialized {Driver.Name} {Driver.Major}.{Driver.Minor}.{Driver.Patchlevel} for {DevName} on minor {Index}");
    }

    /// <summary>drm_dev_enter(): false once the device is unplugged. Lock-free on the ioctl fast path.</summary>
    public bool Enter()
    {
        Interlocked.Increment(ref _active);
        if (!_unplugged)
            return true;
        Exit();
        return false;
    }

    /// <summary>drm_dev_exit().</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _active) == 0 && _unplugged)
        {
            lock (_lock)
                Monitor.PulseAll(_lock);
        }
    }

    /// <summary>
    /// drm_dev_unplug(): hot-unplug with files, mappings and jobs alive. New ioctls get -ENODEV, in-flight ones
    /// finish first; the driver stops its hardware; memory goes when the last user drops it.
    /// </summary>
    public void Unplug()
    {
        lock (_lock)
        {
            if (_unplugged)
                return;
            _unplugged = true;
            Interlocked.MemoryBarrier();
            while (Volatile.Read(ref _active) > 0)
                Monitor.Wait(_lock, 10);
        }
        Machine.Vfs.Unregister(Primary.Path);
        Machine.Vfs.Unregister(Render.Path);
        Driver.Unplug(this);
        // CPU mappings of device memory fault from now on (SIGBUS through drm_dev_enter in the fault handler).
        foreach (var obj in LiveObjects())
            obj.Mapping.UnmapAll();
        Machine.KernelFs.UnregisterTree(DebugfsDir);
    }

    private int UnplugFromSysfs()
    {
        Unplug();
        Machine.KernelFs.Unregister(UnbindPath);
        return 0;
    }

    // ---- dmesg helpers: "<driver> <dev>: msg" ------------------------------------------------------------

    public void DevErr(string msg) => Machine.Dmesg.Printk(LogLevel.Err, $"{Driver.Name} {DevName}: {msg}");

    public void DevWarn(string msg) => Machine.Dmesg.Printk(LogLevel.Warning, $"{Driver.Name} {DevName}: {msg}");

    public void DevInfo(string msg) => Machine.Dmesg.Printk(LogLevel.Info, $"{Driver.Name} {DevName}: {msg}");

    public void DevDbg(string msg) => Machine.Dmesg.Printk(LogLevel.Debug, $"{Driver.Name} {DevName}: {msg}");

    /// <summary>A multi-line dev_err (one record per line, kept together).</summary>
    public void DevErrLines(IEnumerable<string> lines) =>
        Machine.Dmesg.PrintkLines(LogLevel.Err, lines.Select(l => $"{Driver.Name} {DevName}: {l}"));

    // ---- bookkeeping --------------------------------------------------------------------------------------

    internal void AddFile(DrmFile f)
    {
        lock (_lock)
            _files.Add(f);
    }

    internal void RemoveFile(DrmFile f)
    {
        lock (_lock)
            _files.Remove(f);
    }

    internal long TrackObject(GemObject obj)
    {
        lock (_lock)
        {
            var id = _nextObjectId++;
            _objects[id] = new WeakReference<GemObject>(obj);
            return id;
        }
    }

    internal void UntrackObject(GemObject obj)
    {
        lock (_lock)
            _objects.Remove(obj.Id);
    }

    /// <summary>Every GEM object of the device not yet freed.</summary>
    public IReadOnlyList<GemObject> LiveObjects()
    {
        lock (_lock)
            return _objects.Values.Select(w => w.TryGetTarget(out var o) ? o : null).OfType<GemObject>().Where(o => !o.Freed).ToList();
    }

    private string FormatClients()
    {
        var sb = new StringBuilder("             command  tgid dev master a   uid      magic\n");
        foreach (var f in Files)
            sb.Append($"{f.Owner.Comm,20} {f.Owner.Pid,5} {f.Minor.Index,3} {(f.IsMaster ? 'y' : 'n')}      {(f.Authenticated ? 'y' : 'n')} {(f.Owner.IsRoot ? 0 : 1000),5} {0,10}\n");
        return sb.ToString();
    }

    private string FormatNames()
    {
        var sb = new StringBuilder("  name     size handles refcount\n");
        lock (NameLock)
            foreach (var (name, obj) in ObjectNames.Snapshot())
                sb.Append($"{name,6} {obj.Size,8} {obj.HandleCount,7} {obj.RefCount,8}\n");
        return sb.ToString();
    }

    private string FormatObjects()
    {
        var sb = new StringBuilder("    id       size handles refs pin madv resident swapped name\n");
        foreach (var o in LiveObjects().OrderBy(o => o.Id))
            sb.Append($"{o.Id,6} {o.Size,10} {o.HandleCount,7} {o.RefCount,4} {o.PinCount,3} {o.Madv,4} {o.ResidentPages,8} {o.SwappedPages,7} {o.Name}\n");
        return sb.ToString();
    }
}
