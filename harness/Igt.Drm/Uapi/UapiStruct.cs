using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Igt.Drm.Uapi;

/// <summary>Views the kernel copy of an ioctl argument as its uAPI struct.</summary>
public static class UapiStruct
{
    public static ref T As<T>(Span<byte> data) where T : unmanaged => ref MemoryMarshal.AsRef<T>(data);

    public static unsafe int SizeOf<T>() where T : unmanaged => sizeof(T);

    public static byte[] ToBytes<T>(in T value) where T : unmanaged
    {
        var bytes = new byte[Unsafe.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        return bytes;
    }

    public static T FromBytes<T>(ReadOnlySpan<byte> bytes) where T : unmanaged => MemoryMarshal.Read<T>(bytes);
}
