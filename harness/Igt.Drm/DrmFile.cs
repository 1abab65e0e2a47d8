using Igt.Drm.Fences;
using Igt.Drm.Gem;
using Igt.Drm.Ioctl;
using Igt.Drm.Prime;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drm;

/// <summary>
/// struct drm_file: one open of a DRM node. Holds the GEM handle table (handles from 1, lowest free first),
/// the PRIME import/export cache, syncobj handles and the driver's per-file state.
/// </summary>
public sealed class DrmFile : KFile
{
    private readonly Idr<GemObject> _handles = new();
    private readonly Dictionary<DmaBuf, uint> _primeHandles = new();
    private readonly Idr<DrmSyncobj> _syncobjs = new();
    private bool _released;

    internal DrmFile(DrmMinor minor, TaskStruct owner, OpenFlags flags)
    {
        Minor = minor;
        Owner = owner;
        Flags = flags;
    }

    public DrmMinor Minor { get; }

    public DrmDevice Dev => Minor.Dev;

    /// <summary>The task that opened the node (for debugfs "clients" and error messages).</summary>
    public TaskStruct Owner { get; }

    public bool Authenticated { get; internal set; }

    public bool IsMaster { get; internal set; }

    public bool IsRenderClient => Minor.Type == DrmMinorType.Render;

    /// <summary>table_lock: guards the handle table and the prime cache.</summary>
    public object TableLock { get; } = new();

    /// <summary>driver_priv: the driver's per-file state (e.g. its GPU address space).</summary>
    public object? DriverPriv { get; set; }

    public override string Name => Minor.Path;

    public override int Ioctl(TaskStruct task, uint cmd, ulong arg) => DrmIoctl.Dispatch(this, task, cmd, arg);

    /// <summary>file_operations.mmap of the DRM fd: the driver's (drm_gem_mmap unless it has its own).</summary>
    public override int Mmap(Vma vma)
    {
        if (!Dev.Enter())
            return -Errno.ENODEV;
        try
        {
            return Dev.Driver.Mmap(this, vma);
        }
        finally
        {
            Dev.Exit();
        }
    }

    /// <summary>drm_gem_mmap(): the fake offset names the object; this file must hold a handle to it.</summary>
    public int GemMmap(Vma vma)
    {
        var obj = Dev.VmaOffsets.Lookup(vma.PgOff);
        if (obj is null)
            return -Errno.EINVAL;
        if (!Dev.VmaOffsets.IsAllowed(obj, this))
            return -Errno.EACCES;
        if (vma.Length > obj.Size)
            return -Errno.EINVAL;
        vma.PgOff = 0;
        // drm_gem_shmem_mmap & co: an imported object is mapped by its exporter (dma_buf_mmap), which knows its
        // caching and zaps the mapping when it moves the pages.
        if (obj.ImportAttach is { } attach && !Dev.Machine.BugEnabled(Prime.DmaBufBugs.Driver, Prime.DmaBufBugs.ImportedMmapBypassesExporter))
            return attach.DmaBuf.Mmap(vma);
        return Dev.Driver.GemMmap(obj, vma);
    }

    // ---- GEM handles --------------------------------------------------------------------------------------

    /// <summary>drm_gem_handle_create(): a new handle for <paramref name="obj"/> (the handle takes its own reference).</summary>
    public int HandleCreate(GemObject obj, out uint handle)
    {
        obj.Get();
        obj.HandleGet();
        // drm_gem_handle_create_tail(): the id is reserved empty and the object published only after the driver's
        // open hook ran, so a GEM_CLOSE racing on the same (guessable) handle cannot run close before open.
        lock (TableLock)
            handle = _handles.Alloc(null!);
        Dev.VmaOffsets.Allow(obj, this);
        var err = Dev.Driver.GemOpen(obj, this);
        if (err != 0)
        {
            lock (TableLock)
                _handles.Remove(handle);
            Dev.VmaOffsets.Revoke(obj, this);
            HandlePutUnlocked(obj);
            handle = 0;
            return err;
        }
        lock (TableLock)
            _handles.Replace(handle, obj);
        return 0;
    }

    /// <summary>drm_gem_object_lookup(): the object with a new reference (caller Puts), or null.</summary>
    public GemObject? Lookup(uint handle)
    {
        lock (TableLock)
        {
            var obj = _handles.Find(handle);
            obj?.Get();
            return obj;
        }
    }

    /// <summary>drm_gem_handle_delete(): 0 or -EINVAL for an unknown handle.</summary>
    public int HandleDelete(uint handle)
    {
        GemObject? obj;
        lock (TableLock)
        {
            // A reserved (not yet published) id is not deletable yet, like idr_replace() finding NULL.
            obj = _handles.Find(handle);
            if (obj is null)
                return -Errno.EINVAL;
            _handles.Remove(handle);
            foreach (var kv in _primeHandles.Where(kv => kv.Value == handle).ToList())
                _primeHandles.Remove(kv.Key);
        }
        Dev.Driver.GemClose(obj, this);
        Dev.VmaOffsets.Revoke(obj, this);
        HandlePutUnlocked(obj);
        return 0;
    }

    public IReadOnlyList<KeyValuePair<uint, GemObject>> Handles()
    {
        lock (TableLock)
            return _handles.Snapshot().Where(kv => kv.Value is not null).ToList();
    }

    /// <summary>The handle this file already has for <paramref name="obj"/>, or 0.</summary>
    public uint FindHandle(GemObject obj)
    {
        lock (TableLock)
            return _handles.Snapshot().FirstOrDefault(kv => ReferenceEquals(kv.Value, obj)).Key;
    }

    internal bool TryPrimeLookup(DmaBuf buf, out uint handle)
    {
        lock (TableLock)
            return _primeHandles.TryGetValue(buf, out handle) && _handles.Find(handle) is not null;
    }

    internal void PrimeAdd(DmaBuf buf, uint handle)
    {
        lock (TableLock)
            _primeHandles[buf] = handle;
    }

    /// <summary>drm_gem_object_handle_put: the last handle drops the flink name and the export reference.</summary>
    private void HandlePutUnlocked(GemObject obj)
    {
        if (obj.HandlePut() == 0)
        {
            lock (Dev.NameLock)
            {
                if (obj.Name != 0)
                {
                    Dev.ObjectNames.Remove(obj.Name);
                    obj.Name = 0;
                }
            }
            obj.DropExportReference();
        }
        obj.Put();
    }

    // ---- syncobjs -----------------------------------------------------------------------------------------

    public uint SyncobjCreate(DrmSyncobj obj)
    {
        lock (TableLock)
            return _syncobjs.Alloc(obj);
    }

    public DrmSyncobj? SyncobjFind(uint handle)
    {
        lock (TableLock)
            return _syncobjs.Find(handle);
    }

    public bool SyncobjDestroy(uint handle)
    {
        lock (TableLock)
            return _syncobjs.Remove(handle) is not null;
    }

    // ---- release ------------------------------------------------------------------------------------------

    /// <summary>drm_release(): every handle is closed, then the driver's postclose.</summary>
    protected override void Release()
    {
        if (_released)
            return;
        _released = true;
        foreach (var (h, _) in Handles())
            HandleDelete(h);
        lock (TableLock)
        {
            foreach (var (h, _) in _syncobjs.Snapshot())
                _syncobjs.Remove(h);
        }
        try
        {
            Dev.Driver.Postclose(Dev, this);
        }
        finally
        {
            Minor.DropMaster(this);
            Dev.RemoveFile(this);
        }
    }
}
