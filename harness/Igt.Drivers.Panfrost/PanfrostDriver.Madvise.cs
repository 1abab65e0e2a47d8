using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.Panfrost;

/// <summary>MADVISE (panfrost_ioctl_madvise): moves a BO on or off the shrinker list and reports whether it is retained.</summary>
public sealed partial class PanfrostDriver
{
    private int Madvise(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostMadvise>(data);
        var priv = PanfrostFilePriv.Of(file);
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        var bo = (PanfrostGem)obj;
        try
        {
            var err = PanfrostJob.LockInterruptible(bo.Lock);
            if (err != 0)
                return err;
            try
            {
                lock (Pfdev.ShrinkerLock)
                lock (bo.MappingsLock)
                {
                    if (a.Madv == PanfrostIoctls.MadvDontneed && !Pfdev.Bug(KnownBugs.MadviseSharedBo))
                    {
                        // Only the caller's file may use a BO it marks purgeable.
                        var mappings = bo.Mappings;
                        if (mappings.Count != 1 || !ReferenceEquals(mappings[0].Mmu, priv.Mmu))
                            return -Errno.EINVAL;
                    }
                    // drm_gem_shmem_madvise_locked(): any value is stored unless already purged.
                    if (bo.Madv >= 0)
                        bo.Madv = (int)a.Madv;
                    var retained = bo.Madv >= 0;
                    a.Retained = retained ? 1u : 0u;
                    if (retained)
                    {
                        if (a.Madv == PanfrostIoctls.MadvDontneed)
                        {
                            Pfdev.ShrinkerList.Remove(bo);
                            Pfdev.ShrinkerList.Add(bo);
                            bo.OnShrinkerList = true;
                        }
                        else if (a.Madv == PanfrostIoctls.MadvWillneed)
                        {
                            Pfdev.ShrinkerList.Remove(bo);
                            bo.OnShrinkerList = false;
                        }
                    }
                    return 0;
                }
            }
            finally
            {
                Monitor.Exit(bo.Lock);
            }
        }
        finally
        {
            obj.Put();
        }
    }
}
