using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>
/// struct drm_etnaviv_gem_submit_reloc (24 bytes): the dword at <see cref="SubmitOffset"/> in the stream becomes the
/// GPU address of bos[<see cref="RelocIdx"/>] plus <see cref="RelocOffset"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemSubmitReloc
{
    public uint SubmitOffset;
    public uint RelocIdx;
    public ulong RelocOffset;
    public uint Flags;
    public uint Pad;
}
