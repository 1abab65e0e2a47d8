using Igt.Kernel;

namespace Igt.Stress.Fuzz;

/// <summary>
/// Explicit replay of logged ops on a test's machine, for generated reproducer tests: each call names its task,
/// file, request number and argument bytes; <see cref="AssertClean"/> tears down and fails with the finding's title.
/// </summary>
public sealed class FuzzReplay : IDisposable
{
    /// <summary>Driver messages bad input provokes (DRM_ERROR, dev_err of GPU faults): not findings.</summary>
    public const string DriverNoise = @"^(vgem|panfrost|etnaviv|i915) \S+: |^\[drm";

    private readonly FuzzSession _session;
    private readonly FuzzTracker _tracker;
    private readonly DmesgWatch _watch;
    private string? _title;
    private bool _done;

    public FuzzReplay(Machine machine, string target)
    {
        var t = FuzzTarget.Get(target.EndsWith(FuzzPrograms.ConcurrentSuffix, StringComparison.Ordinal)
            ? target[..^FuzzPrograms.ConcurrentSuffix.Length] : target);
        Machine = machine;
        _session = new FuzzSession(machine, t);
        _tracker = new FuzzTracker(t);
        _watch = new DmesgWatch(machine);
    }

    public Machine Machine { get; }

    /// <summary>The first finding so far (null = clean).</summary>
    public string? Title => _title;

    public int Ioctl(int op, int task, int file, string name, uint cmd, ulong at, string arg,
        (ulong Addr, string Hex)[]? mem = null, string? fix = null) =>
        Run(new FuzzOp
        {
            Index = op, Kind = FuzzOpKind.Ioctl, Task = task, File = file, Name = name, Cmd = cmd, ArgAddr = at,
            Arg = Convert.FromHexString(arg), Mem = (mem ?? []).Select(m => new FuzzBlob(m.Addr, Convert.FromHexString(m.Hex))).ToList(),
            Fixups = Fixups(fix),
        });

    public int Close(int op, int task, string arg, string? fix = null) =>
        Run(new FuzzOp { Index = op, Kind = FuzzOpKind.Close, Task = task, Name = "close", Arg = Convert.FromHexString(arg), Fixups = Fixups(fix) });

    public int Remap(int op, int task, string arg) =>
        Run(new FuzzOp { Index = op, Kind = FuzzOpKind.Remap, Task = task, Name = "remap", Arg = Convert.FromHexString(arg) });

    /// <summary>Every task exits; throws with the finding's title when anything was found.</summary>
    public void AssertClean()
    {
        Finish();
        if (_title is not null)
            throw new FuzzFindingException(_title);
    }

    public void Dispose() => Finish();

    private void Finish()
    {
        if (_done)
            return;
        _done = true;
        _title ??= FuzzProgram.Teardown(Machine, _session, _watch, _tracker);
    }

    private int Run(FuzzOp op)
    {
        var res = _session.Execute(op);
        _title ??= _tracker.Observe(op, res, _session) ?? _watch.Check();
        return res.Ret;
    }

    private static List<FuzzFixup> Fixups(string? fix) =>
        string.IsNullOrEmpty(fix) ? [] : fix.Split(',').Select(FuzzFixup.Parse).ToList();
}
