using Igt.Drivers.Etnaviv.Uapi;
using Igt.Os;

namespace Igt.Etnaviv;

/// <summary>
/// A GEM_SUBMIT of a stream writing one BO, with its argument, BO list, relocations and stream laid out in the
/// caller's memory ahead of the ioctl, so a test decides what is resident when the kernel copies them in (e.g.
/// everything touched again after reclaim except the stream, whose fault then happens inside GEM_SUBMIT).
/// </summary>
public sealed class EtnavivStagedSubmit : IDisposable
{
    private readonly ISyscalls _sys;
    private readonly int _fd;
    private readonly UserBuffer _stream;
    private readonly UserBuffer _bos;
    private readonly UserBuffer _relocs;
    private readonly UserBuffer _arg;

    public EtnavivStagedSubmit(ISyscalls sys, int fd, EtnavivCmdStream stream, uint bo)
    {
        _sys = sys;
        _fd = fd;
        _stream = UserBuffer.From<uint>(sys, stream.Data.ToArray());
        _bos = UserBuffer.From<DrmEtnavivGemSubmitBo>(sys, [new DrmEtnavivGemSubmitBo { Handle = bo, Flags = EtnavivIoctls.SubmitBoWrite }]);
        _relocs = UserBuffer.From<DrmEtnavivGemSubmitReloc>(sys, stream.Relocs.ToArray());
        _arg = UserBuffer.Alloc(sys, 4096);
        _arg.Write(0, new DrmEtnavivGemSubmit
        {
            ExecState = EtnavivIoctls.Pipe3D, NrBos = 1, Bos = _bos.Addr, NrRelocs = (uint)stream.Relocs.Count, Relocs = _relocs.Addr,
            StreamSize = stream.SizeBytes, Stream = _stream.Addr, FenceFd = -1,
        });
    }

    /// <summary>Faults the argument, BO list and relocations back in; the stream stays where reclaim left it.</summary>
    public void TouchAllButStream()
    {
        _arg.Read<DrmEtnavivGemSubmit>(0);
        _bos.Read<DrmEtnavivGemSubmitBo>(0);
        _relocs.Read<DrmEtnavivGemSubmitReloc>(0);
    }

    /// <summary>The ioctl on the staged argument: 0 or -errno.</summary>
    public int Submit() => _sys.Ioctl(_fd, EtnavivIoctls.GemSubmit, _arg.Addr);

    /// <summary>The fence the kernel wrote back.</summary>
    public uint Fence => _arg.Read<DrmEtnavivGemSubmit>(0).Fence;

    public void Dispose()
    {
        _arg.Dispose();
        _relocs.Dispose();
        _bos.Dispose();
        _stream.Dispose();
    }
}
