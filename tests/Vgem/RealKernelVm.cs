using System.Diagnostics;
using System.Runtime.CompilerServices;
using Igt.Os;

namespace Igt.Tests.Vgem;

/// <summary>
/// A VM with the real vgem for the backend's own tests: the one IGT_VM_DIR names, else a private one booted with
/// tools/vm/boot.sh from what tools/vm/prepare.sh left in the cache. When neither is there (no qemu, no kernel),
/// <see cref="Missing"/> says why and the tests skip.
/// </summary>
public sealed class RealKernelVm : IDisposable
{
    private readonly bool _owned;

    public RealKernelVm()
    {
        if (Environment.GetEnvironmentVariable(SyscallBackend.VmDirVariable) is { Length: > 0 } dir && Directory.GetFiles(dir, "igt*.sock").Length > 0)
        {
            Dir = dir;
            return;
        }
        var cache = Environment.GetEnvironmentVariable("IGT_VM_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "igt-vm");
        if (!File.Exists(Path.Combine(cache, "vmlinux")) || !File.Exists(Path.Combine(cache, "initramfs.cpio")))
        {
            Missing = $"no VM kernel in {cache} (tools/vm/prepare.sh makes it)";
            return;
        }
        if (!OnPath("qemu-system-x86_64"))
        {
            Missing = "qemu-system-x86_64 is not installed (tools/vm/prepare.sh installs it)";
            return;
        }
        Dir = Directory.CreateTempSubdirectory("igt-vm-").FullName;
        var (code, output) = BootScript("start", Dir);
        if (code != 0)
        {
            Missing = $"the VM did not boot: {output.Trim()}";
            return;
        }
        _owned = true;
        BootSeconds = File.ReadAllText(Path.Combine(Dir, "boot-seconds")).Trim();
    }

    /// <summary>The VM's run directory (its igt*.sock ports), or null.</summary>
    public string? Dir { get; }

    /// <summary>Why there is no VM, or null.</summary>
    public string? Missing { get; }

    public string? BootSeconds { get; }

    public void Dispose()
    {
        if (_owned && Dir is not null)
        {
            BootScript("stop", Dir);
            Directory.Delete(Dir, recursive: true);
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    private static (int Code, string Output) BootScript(string verb, string dir)
    {
        var psi = new ProcessStartInfo(Path.Combine(RepoRoot(), "tools", "vm", "boot.sh"), [verb, dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>The repository this test was compiled from (the build may live elsewhere, --artifacts-path).</summary>
    private static string RepoRoot([CallerFilePath] string self = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(self)!, "..", ".."));
}
