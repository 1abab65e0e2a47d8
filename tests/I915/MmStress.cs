using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.I915;

/// <summary>mm_stress_thread of gem_userptr_blits: a thread of the process that maps 2 MiB, touches every page and unmaps it.</summary>
public sealed class MmStress : IDisposable
{
    private const ulong Size = 2 << 20;
    private readonly ISyscalls _sys;
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _exitCode;

    private MmStress(ISyscalls sys)
    {
        _sys = sys;
        _thread = new Thread(Run) { IsBackground = true, Name = "mm-stress" };
    }

    public static MmStress Start(ISyscalls sys)
    {
        var s = new MmStress(sys);
        s._thread.Start();
        return s;
    }

    /// <summary>Stops the thread; returns its exit code (0, or the first failing errno).</summary>
    public int Stop()
    {
        _stop = true;
        _thread.Join();
        return _exitCode;
    }

    public void Dispose() => Stop();

    private void Run()
    {
        var zero = new byte[4];
        while (!_stop)
        {
            var ptr = _sys.Mmap(0, Size, Prot.ReadWrite, MapFlags.Anonymous | MapFlags.Private);
            if (ptr < 0)
            {
                _exitCode = (int)ptr;
                return;
            }
            for (ulong page = 0; page < Size; page += 4096)
                _sys.Write((ulong)ptr + page, zero);
            var r = _sys.Munmap((ulong)ptr, Size);
            if (r != 0)
            {
                _exitCode = r;
                return;
            }
        }
    }
}
