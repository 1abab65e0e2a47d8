using System.Runtime.InteropServices;
using System.Text;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_pm_domain (72 bytes): PM_QUERY_DOM iterates the perfmon domains of a pipe.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DrmEtnavivPmDomain
{
    public uint Pipe;
    public byte Iter;
    public byte Id;
    public ushort NrSignals;
    public fixed byte Name[64];

    public readonly string NameString
    {
        get
        {
            fixed (byte* p = Name)
                return Encoding.ASCII.GetString(new ReadOnlySpan<byte>(p, 64)).TrimEnd('\0');
        }
    }

    public void SetName(string name)
    {
        fixed (byte* p = Name)
        {
            var span = new Span<byte>(p, 64);
            span.Clear();
            Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, 63)), span);
        }
    }
}
