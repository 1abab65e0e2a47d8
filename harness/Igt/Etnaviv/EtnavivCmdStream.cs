using System.Runtime.InteropServices;
using Igt.Drivers.Etnaviv.Hw;
using Igt.Drivers.Etnaviv.Uapi;

namespace Igt.Etnaviv;

/// <summary>
/// A command stream under construction (libdrm's etna_cmd_stream): front-end commands, each 64-bit aligned, plus the
/// relocations for the address-bearing states. The memory engine is the resolve engine (RS) of the 3D pipe:
/// <see cref="StoreDword"/> is a 1x1 RS fill and <see cref="CopyBuffer"/> an RS copy, both through relocations so
/// the MMUv1 validator accepts them.
/// </summary>
public sealed class EtnavivCmdStream
{
    private readonly List<uint> _dwords = new();
    private readonly List<DrmEtnavivGemSubmitReloc> _relocs = new();

    public int Dwords => _dwords.Count;

    public uint SizeBytes => (uint)_dwords.Count * 4;

    public IReadOnlyList<uint> Data => _dwords;

    public IReadOnlyList<DrmEtnavivGemSubmitReloc> Relocs => _relocs;

    public uint this[int index]
    {
        get => _dwords[index];
        set => _dwords[index] = value;
    }

    /// <summary>LOAD_STATE of consecutive states from <paramref name="address"/> (padded to 64 bits).</summary>
    public EtnavivCmdStream LoadState(uint address, params uint[] values)
    {
        Align();
        _dwords.Add(EtnavivCmdstream.LoadState(address, (uint)values.Length));
        _dwords.AddRange(values);
        Align();
        return this;
    }

    /// <summary>LOAD_STATE of one address state whose value the kernel patches to bos[boIndex] + offset.</summary>
    public EtnavivCmdStream LoadStateReloc(uint address, uint boIndex, ulong offset)
    {
        Align();
        _dwords.Add(EtnavivCmdstream.LoadState(address, 1));
        _relocs.Add(new DrmEtnavivGemSubmitReloc { SubmitOffset = (uint)_dwords.Count * 4, RelocIdx = boIndex, RelocOffset = offset });
        _dwords.Add(0);
        return this;
    }

    public EtnavivCmdStream Nop() => Pair(EtnavivCmdstream.Nop, 0);

    public EtnavivCmdStream Wait(uint cycles = 200) => Pair(EtnavivCmdstream.Wait(cycles), 0);

    public EtnavivCmdStream Link(uint prefetch, uint address) => Pair(EtnavivCmdstream.Link(prefetch), address);

    public EtnavivCmdStream End() => Pair(EtnavivCmdstream.End(), 0);

    public EtnavivCmdStream Stall(uint from = EtnavivCmdstream.SyncRecipientFe, uint to = EtnavivCmdstream.SyncRecipientPe) =>
        Pair(EtnavivCmdstream.Stall, EtnavivCmdstream.StallToken(from, to));

    /// <summary>Semaphore then stall, the FE waits for the PE (etna_stall).</summary>
    public EtnavivCmdStream SemaphoreStall() =>
        LoadState(EtnavivStates.GlSemaphoreToken, EtnavivCmdstream.SyncRecipientFe | (EtnavivCmdstream.SyncRecipientPe << 8)).Stall();

    /// <summary>A raw dword (for malformed streams).</summary>
    public EtnavivCmdStream Raw(params uint[] dwords)
    {
        _dwords.AddRange(dwords);
        return this;
    }

    /// <summary>Stores <paramref name="value"/> at bos[boIndex] + offset: a 1x1 resolve fill.</summary>
    public EtnavivCmdStream StoreDword(uint boIndex, ulong offset, uint value) => Fill(boIndex, offset, 4, value);

    /// <summary>Fills <paramref name="bytes"/> (a multiple of 4; of 4096 when larger) with a 32-bit value.</summary>
    public EtnavivCmdStream Fill(uint boIndex, ulong offset, ulong bytes, uint value)
    {
        var (width, height, stride) = Window(bytes);
        LoadState(EtnavivStates.RsConfig, EtnavivStates.RsConfigValue(EtnavivStates.RsFormatA8R8G8B8, EtnavivStates.RsFormatA8R8G8B8));
        LoadState(EtnavivStates.RsDestStride, stride);
        LoadStateReloc(EtnavivStates.RsDestAddr, boIndex, offset);
        LoadState(EtnavivStates.RsWindowSize, EtnavivStates.RsWindow(width, height));
        LoadState(EtnavivStates.RsFillValue0, value);
        LoadState(EtnavivStates.RsClearControl, EtnavivStates.RsClearControlModeEnabled1 | 0xffff);
        LoadState(EtnavivStates.RsKicker, EtnavivStates.RsKick);
        return this;
    }

    /// <summary>Copies <paramref name="bytes"/> (a multiple of 4; of 4096 when larger) with the resolve engine.</summary>
    public EtnavivCmdStream CopyBuffer(uint srcIndex, ulong srcOffset, uint dstIndex, ulong dstOffset, ulong bytes)
    {
        var (width, height, stride) = Window(bytes);
        LoadState(EtnavivStates.RsConfig, EtnavivStates.RsConfigValue(EtnavivStates.RsFormatA8R8G8B8, EtnavivStates.RsFormatA8R8G8B8));
        LoadStateReloc(EtnavivStates.RsSourceAddr, srcIndex, srcOffset);
        LoadState(EtnavivStates.RsSourceStride, stride);
        LoadStateReloc(EtnavivStates.RsDestAddr, dstIndex, dstOffset);
        LoadState(EtnavivStates.RsDestStride, stride);
        LoadState(EtnavivStates.RsWindowSize, EtnavivStates.RsWindow(width, height));
        LoadState(EtnavivStates.RsClearControl, 0);
        LoadState(EtnavivStates.RsKicker, EtnavivStates.RsKick);
        return this;
    }

    public byte[] ToBytes() => MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_dwords)).ToArray();

    /// <summary>The dword index of the value of the n-th relocation.</summary>
    public int RelocDword(int n) => (int)(_relocs[n].SubmitOffset / 4);

    private EtnavivCmdStream Pair(uint a, uint b)
    {
        Align();
        _dwords.Add(a);
        _dwords.Add(b);
        return this;
    }

    private void Align()
    {
        if (_dwords.Count % 2 != 0)
            _dwords.Add(0);
    }

    private static (uint Width, uint Height, uint Stride) Window(ulong bytes)
    {
        if (bytes == 0 || bytes % 4 != 0 || (bytes > 4096 && bytes % 4096 != 0))
            throw new ArgumentException($"RS transfers here are multiples of 4 bytes, of 4096 above a page: {bytes}");
        var row = Math.Min(bytes, 4096UL);
        return ((uint)(row / 4), (uint)(bytes / row), (uint)row);
    }
}
