using System.Runtime.InteropServices;

namespace Igt.Drm.Uapi;

// drm.h structs used by the core ioctls. Layouts are the LP64 ones (uapi-facts.md §1.2).

[StructLayout(LayoutKind.Sequential)]
public struct DrmVersion
{
    public int VersionMajor;
    public int VersionMinor;
    public int VersionPatchlevel;
    public int Pad;
    public ulong NameLen;
    public ulong Name;
    public ulong DateLen;
    public ulong Date;
    public ulong DescLen;
    public ulong Desc;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmGemClose
{
    public uint Handle;
    public uint Pad;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmGemFlink
{
    public uint Handle;
    public uint Name;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmGemOpen
{
    public uint Name;
    public uint Handle;
    public ulong Size;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmGetCap
{
    public ulong Capability;
    public ulong Value;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmSetClientCap
{
    public ulong Capability;
    public ulong Value;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmSetVersion
{
    public int DiMajor;
    public int DiMinor;
    public int DdMajor;
    public int DdMinor;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmAuth
{
    public uint Magic;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmPrimeHandle
{
    public uint Handle;
    public uint Flags;
    public int Fd;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmSyncobjCreate
{
    public uint Handle;
    public uint Flags;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmSyncobjDestroy
{
    public uint Handle;
    public uint Pad;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmSyncobjHandle
{
    public uint Handle;
    public uint Flags;
    public int Fd;
    public uint Pad;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmSyncobjWait
{
    public ulong Handles;
    public long TimeoutNsec;
    public uint CountHandles;
    public uint Flags;
    public uint FirstSignaled;
    public uint Pad;
    public ulong DeadlineNsec;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmSyncobjArray
{
    public ulong Handles;
    public uint CountHandles;
    public uint Pad;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmModeCreateDumb
{
    public uint Height;
    public uint Width;
    public uint Bpp;
    public uint Flags;
    public uint Handle;
    public uint Pitch;
    public ulong Size;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmModeMapDumb
{
    public uint Handle;
    public uint Pad;
    public ulong Offset;
}

[StructLayout(LayoutKind.Sequential)]
public struct DrmModeDestroyDumb
{
    public uint Handle;
}
