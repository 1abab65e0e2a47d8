using System.Runtime.InteropServices;
using System.Text;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_pm_signal (76 bytes): PM_QUERY_SIG iterates the signals of one domain.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DrmEtnavivPmSignal
{
    public uint Pipe;
    public byte Domain;
    public byte Pad;
    public ushort Iter;
    public ushort Id;
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
