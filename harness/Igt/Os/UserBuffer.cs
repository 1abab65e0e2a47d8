using System.Runtime.InteropServices;
using Igt.Core;
using Igt.Kernel.Process;

namespace Igt.Os;

/// <summary>
/// Anonymous memory in the test process (an mmap), for ioctl arguments and the arrays they point to.
/// Reads and writes go through the process's memory accesses, so they fault like userspace does.
/// </summary>
public sealed class UserBuffer : IDisposable
{
    private readonly ISyscalls _sys;
    private bool _disposed;

    private UserBuffer(ISyscalls sys, ulong addr, ulong size)
    {
        _sys = sys;
        Addr = addr;
        Size = size;
    }

    public ulong Addr { get; }

    public ulong Size { get; }

    public static UserBuffer Alloc(ISyscalls sys, ulong size)
    {
        var len = (Math.Max(size, 1) + 4095) & ~4095UL;
        var addr = sys.Mmap(0, len, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        if (addr < 0)
            throw new IgtAssertionException($"mmap of {len} bytes for a user buffer failed: {Kernel.Errno.Name((int)addr)}");
        return new UserBuffer(sys, (ulong)addr, len);
    }

    /// <summary>A buffer holding <paramref name="values"/> (e.g. a handle array for SUBMIT).</summary>
    public static UserBuffer From<T>(ISyscalls sys, ReadOnlySpan<T> values) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        var b = Alloc(sys, (ulong)bytes.Length);
        b.WriteBytes(0, bytes);
        return b;
    }

    public void Write<T>(ulong offset, in T value) where T : unmanaged
    {
        Span<byte> tmp = stackalloc byte[Marshal.SizeOf<T>()];
        MemoryMarshal.Write(tmp, in value);
        WriteBytes(offset, tmp);
    }

    public T Read<T>(ulong offset) where T : unmanaged
    {
        Span<byte> tmp = stackalloc byte[Marshal.SizeOf<T>()];
        ReadBytes(offset, tmp);
        return MemoryMarshal.Read<T>(tmp);
    }

    public void WriteBytes(ulong offset, ReadOnlySpan<byte> data)
    {
        var r = _sys.Write(Addr + offset, data);
        if (r != FaultResult.Ok)
            throw new IgtAssertionException($"store to user buffer faulted: {r}");
    }

    public void ReadBytes(ulong offset, Span<byte> dst)
    {
        var r = _sys.Read(Addr + offset, dst);
        if (r != FaultResult.Ok)
            throw new IgtAssertionException($"load from user buffer faulted: {r}");
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _sys.Munmap(Addr, Size);
    }
}
