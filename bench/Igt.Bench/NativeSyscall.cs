using System.Runtime.InteropServices;

namespace Igt.Bench;

/// <summary>A real system call of this machine, the baseline for emulated ones.</summary>
internal static partial class NativeSyscall
{
    [LibraryImport("libc", EntryPoint = "getppid")]
    internal static partial int GetPpid();
}
