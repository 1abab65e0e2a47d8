namespace Igt.Drm.Uapi;

/// <summary>asm-generic ioctl encoding: dir(2) | size(14) | type(8) | nr(8).</summary>
public static class Ioc
{
    public const uint None = 0;
    public const uint Write = 1; // _IOW: user -> kernel (IOC_IN)
    public const uint Read = 2; // _IOR: kernel -> user (IOC_OUT)
    public const uint In = Write << 30;
    public const uint Out = Read << 30;

    public const byte DrmBase = (byte)'d';
    public const uint DrmCommandBase = 0x40;
    public const uint DrmCommandEnd = 0xA0;

    public static uint Encode(uint dir, uint type, uint nr, uint size) => dir << 30 | (size & 0x3fff) << 16 | type << 8 | nr;

    public static uint IO(uint type, uint nr) => Encode(None, type, nr, 0);

    public static uint IOW(uint type, uint nr, uint size) => Encode(Write, type, nr, size);

    public static uint IOR(uint type, uint nr, uint size) => Encode(Read, type, nr, size);

    public static uint IOWR(uint type, uint nr, uint size) => Encode(Write | Read, type, nr, size);

    public static uint Dir(uint cmd) => cmd >> 30;

    public static uint Size(uint cmd) => (cmd >> 16) & 0x3fff;

    public static uint Type(uint cmd) => (cmd >> 8) & 0xff;

    public static uint Nr(uint cmd) => cmd & 0xff;

    /// <summary>DRM_IOWR(nr, T) etc. for a DRM core or driver ioctl with struct T.</summary>
    public static unsafe uint DrmIOWR<T>(uint nr) where T : unmanaged => IOWR(DrmBase, nr, (uint)sizeof(T));

    public static unsafe uint DrmIOW<T>(uint nr) where T : unmanaged => IOW(DrmBase, nr, (uint)sizeof(T));

    public static unsafe uint DrmIOR<T>(uint nr) where T : unmanaged => IOR(DrmBase, nr, (uint)sizeof(T));
}
