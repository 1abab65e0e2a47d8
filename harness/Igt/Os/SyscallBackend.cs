using Igt.Os.Remote;

namespace Igt.Os;

/// <summary>
/// Which system the tests talk to, from IGT_BACKEND: <c>emulated</c> (default: the emulated machine), <c>vm</c>
/// (a real kernel in the VM of tools/vm, reached through the proxy; IGT_VM_DIR names the VM's run directory) or
/// <c>native</c> (this host's own kernel and /dev/dri, through P/Invoke). Test code is the same for all three.
/// </summary>
public static class SyscallBackend
{
    public const string Variable = "IGT_BACKEND";
    public const string VmDirVariable = "IGT_VM_DIR";

    public static string Kind => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } k ? k.Trim().ToLowerInvariant() : "emulated";

    public static bool IsEmulated => Kind == "emulated";

    /// <summary>
    /// A process on the selected non-emulated backend (a fresh proxy process for vm, this process for native);
    /// the caller disposes it when it is <see cref="IDisposable"/>.
    /// </summary>
    public static ISyscalls OpenProcess() => Kind switch
    {
        "vm" => ProxyConnection.For(Environment.GetEnvironmentVariable(VmDirVariable) is { Length: > 0 } d
            ? d
            : throw new InvalidOperationException($"{Variable}=vm needs {VmDirVariable} (the directory given to tools/vm/boot.sh start)")).Spawn(),
        "native" => new NativeSyscalls(),
        "emulated" => throw new InvalidOperationException("the emulated backend runs on a booted machine"),
        var k => throw new InvalidOperationException($"{Variable}={k}: expected emulated, vm or native"),
    };
}
