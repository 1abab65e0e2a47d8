using System.Text;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drm.Ioctl;

/// <summary>VERSION, GET_CAP, SET_CLIENT_CAP, SET_VERSION, GET_MAGIC, AUTH_MAGIC (drm_ioctl.c, drm_auth.c).</summary>
public static partial class DrmIoctl
{
    private static int Version(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var v = ref UapiStruct.As<DrmVersion>(data);
        var d = dev.Driver;
        v.VersionMajor = d.Major;
        v.VersionMinor = d.Minor;
        v.VersionPatchlevel = d.Patchlevel;
        var task = Kernel.Process.TaskStruct.Current ?? file.Owner;
        var err = CopyField(task, ref v.NameLen, v.Name, d.Name);
        if (err == 0)
            err = CopyField(task, ref v.DateLen, v.Date, d.Date);
        if (err == 0)
            err = CopyField(task, ref v.DescLen, v.Desc, d.Desc);
        return err;
    }

    /// <summary>drm_copy_field(): copies min(len, strlen) bytes and writes back the full length.</summary>
    private static int CopyField(Kernel.Process.TaskStruct task, ref ulong len, ulong ptr, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        var n = (int)Math.Min(len, (ulong)bytes.Length);
        len = (ulong)bytes.Length;
        if (n > 0 && ptr != 0 && task.Mm.CopyToUser(ptr, bytes.AsSpan(0, n)) != 0)
            return -Errno.EFAULT;
        return 0;
    }

    private static int GetCap(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var c = ref UapiStruct.As<DrmGetCap>(data);
        c.Value = 0;
        var f = dev.Driver.Features;
        switch (c.Capability)
        {
            case DrmIoctls.CapTimestampMonotonic:
                c.Value = 1;
                return 0;
            case DrmIoctls.CapPrime:
                c.Value = DrmIoctls.PrimeCapImport | DrmIoctls.PrimeCapExport;
                return 0;
            case DrmIoctls.CapSyncobj:
                c.Value = (f & DriverFeatures.Syncobj) != 0 ? 1UL : 0;
                return 0;
            case DrmIoctls.CapSyncobjTimeline:
                c.Value = (f & DriverFeatures.SyncobjTimeline) != 0 ? 1UL : 0;
                return 0;
        }
        if ((f & DriverFeatures.Modeset) == 0)
            return -Errno.EOPNOTSUPP;
        switch (c.Capability)
        {
            case DrmIoctls.CapDumbBuffer:
                c.Value = 1;
                return 0;
            case 0x3: // DUMB_PREFERRED_DEPTH
                c.Value = 24;
                return 0;
            case 0x4: // DUMB_PREFER_SHADOW
                c.Value = 0;
                return 0;
            default:
                return -Errno.EINVAL;
        }
    }

    private static int SetClientCap(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        // No render-only settable capabilities; the KMS ones are not emulated.
        if ((dev.Driver.Features & DriverFeatures.Modeset) == 0)
            return -Errno.EOPNOTSUPP;
        ref var c = ref UapiStruct.As<DrmSetClientCap>(data);
        return c.Capability is >= 1 and <= 6 && c.Value <= 1 ? 0 : -Errno.EINVAL;
    }

    private static int SetVersion(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var v = ref UapiStruct.As<DrmSetVersion>(data);
        var err = 0;
        if (v.DiMajor != -1 && (v.DiMajor != 1 || v.DiMinor < 0 || v.DiMinor > 4))
            err = -Errno.EINVAL;
        if (err == 0 && v.DdMajor != -1 && (v.DdMajor != dev.Driver.Major || v.DdMinor < 0 || v.DdMinor > dev.Driver.Minor))
            err = -Errno.EINVAL;
        // The current interface versions are written back in any case (drm_setversion).
        v.DiMajor = 1;
        v.DiMinor = 4;
        v.DdMajor = dev.Driver.Major;
        v.DdMinor = dev.Driver.Minor;
        return err;
    }

    private static int GetMagic(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        UapiStruct.As<DrmAuth>(data).Magic = (uint)(file.GetHashCode() & 0x7fffffff) | 1;
        return 0;
    }

    private static int AuthMagic(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        var magic = UapiStruct.As<DrmAuth>(data).Magic;
        foreach (var f in dev.Files)
        {
            if (((uint)(f.GetHashCode() & 0x7fffffff) | 1) == magic)
            {
                f.Authenticated = true;
                return 0;
            }
        }
        return -Errno.EINVAL;
    }
}
