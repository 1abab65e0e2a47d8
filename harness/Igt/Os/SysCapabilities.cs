namespace Igt.Os;

/// <summary>What a backend offers beyond plain system calls; subtests that need more skip on the others.</summary>
[Flags]
public enum SysCapabilities
{
    None = 0,

    /// <summary>fork() with the child's body in the test (<see cref="ISyscalls.Fork"/>).</summary>
    Fork = 1,

    /// <summary>Signals with counting handlers that interrupt blocking calls (CatchSignal, Kill, SignalCount).</summary>
    Signals = 2,

    /// <summary>The kernel log of the system under test can be read back (<see cref="IKernelLog"/>).</summary>
    KernelLog = 4,

    All = Fork | Signals | KernelLog,
}
