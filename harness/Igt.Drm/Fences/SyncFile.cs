using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drm.Fences;

/// <summary>A sync_file: a file descriptor holding one fence; poll reports POLLIN once it signalled.</summary>
public sealed class SyncFile : KFile
{
    public SyncFile(DmaFence fence)
    {
        Fence = fence;
        fence.AddCallback(_ => PollWait.WakeUpAll());
    }

    public DmaFence Fence { get; }

    public override string Name => "anon_inode:sync_file";

    public override PollEvents Poll() => Fence.IsSignaled ? PollEvents.In : PollEvents.None;

    public override int Ioctl(TaskStruct task, uint cmd, ulong arg) => -Errno.ENOTTY;
}
