using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Printk;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_drm_private: the device-wide state: the device lock, the command-buffer suballocator, the MMU
/// globals and the GPU cores by pipe. After an unbind it stays until the last open file and the last BO are gone,
/// because those still reference the page tables and command buffers (the UnloadWithOpenObjects bug frees it at
/// once).
/// </summary>
public sealed class EtnavivDrmPrivate
{
    private readonly object _lifeLock = new();
    private int _files;
    private int _objects;
    private bool _unplugged;
    private bool _released;

    public EtnavivDrmPrivate(DrmDevice dev)
    {
        Dev = dev;
        Bugs = EtnavivBugs.From(dev.Machine);
    }

    public DrmDevice Dev { get; }

    public Machine Machine => Dev.Machine;

    public EtnavivBugs Bugs { get; }

    /// <summary>The device lock (dev->struct_mutex of the 2015 driver): held across the submit after copy-in.</summary>
    public object Lock { get; } = new();

    public EtnavivCmdbufSuballoc Suballoc { get; private set; } = null!;

    public EtnavivIommuGlobal MmuGlobal { get; private set; } = null!;

    /// <summary>priv->gpu[pipe]: the emulated machine has one core, on pipe 0.</summary>
    public EtnavivGpu?[] Gpus { get; } = new EtnavivGpu?[Uapi.EtnavivIoctls.MaxPipes];

    public bool Unplugged => _unplugged;

    public bool Released => _released;

    /// <summary>etnaviv_bind() + the core's bind: suballocator, MMU globals, the GPU and its ring. 0 or -errno.</summary>
    public int Load(EtnavivChipIdentity identity, string coreName)
    {
        var err = EtnavivCmdbufSuballoc.Create(Dev, out var suballoc);
        if (err != 0)
            return err;
        Suballoc = suballoc!;
        err = EtnavivIommuGlobal.Create(Machine, identity.MmuVersion, Suballoc, out var global);
        if (err != 0)
            return err;
        MmuGlobal = global!;
        var gpu = new EtnavivGpu(this, identity, coreName, 0);
        err = gpu.Init();
        if (err != 0)
            return err;
        Gpus[0] = gpu;
        Dev.DevInfo($"bound {coreName} (ops gpu_ops [etnaviv])");
        return 0;
    }

    /// <summary>DRM_ERROR(): "[drm:function [etnaviv]] *ERROR* msg".</summary>
    public void DrmError(string function, string msg) =>
        Machine.Dmesg.Printk(LogLevel.Err, $"[drm:{function} [etnaviv]] *ERROR* {msg}");

    internal void FileOpened() => Interlocked.Increment(ref _files);

    internal void FileClosed()
    {
        Interlocked.Decrement(ref _files);
        MaybeRelease();
    }

    internal void ObjectAdded() => Interlocked.Increment(ref _objects);

    internal void ObjectRemoved()
    {
        Interlocked.Decrement(ref _objects);
        MaybeRelease();
    }

    /// <summary>
    /// Unbind with everything still open: no new work, queued jobs cancelled, the jobs on the hardware ended with
    /// -ENODEV, the front end stopped. Memory goes when the last user does.
    /// </summary>
    public void Unplug()
    {
        lock (_lifeLock)
        {
            if (_unplugged)
                return;
            _unplugged = true;
        }
        foreach (var gpu in Gpus.OfType<EtnavivGpu>())
        {
            gpu.Sched.Stop();
            gpu.Stop(-Errno.ENODEV);
        }
        if (Bugs.UnloadWithOpenObjects)
        {
            // The 2015 unbind: device state goes now, whoever still uses it.
            MmuGlobal.FreeUnderUsers();
            Suballoc.Destroy();
            lock (_lifeLock)
                _released = true;
            return;
        }
        MaybeRelease();
    }

    /// <summary>Machine shutdown: stop the cores' threads.</summary>
    public void Shutdown()
    {
        foreach (var gpu in Gpus.OfType<EtnavivGpu>())
        {
            gpu.Sched.Stop();
            gpu.Stop(-Errno.ENODEV);
            gpu.Fe.Shutdown();
        }
    }

    private void MaybeRelease()
    {
        lock (_lifeLock)
        {
            if (!_unplugged || _released || Volatile.Read(ref _files) > 0 || Volatile.Read(ref _objects) > 0)
                return;
            _released = true;
        }
        foreach (var gpu in Gpus.OfType<EtnavivGpu>())
        {
            if (gpu.Buffer is { } ring)
                Suballoc.Free(ring);
        }
        MmuGlobal.Free();
        Suballoc.Destroy();
    }
}
