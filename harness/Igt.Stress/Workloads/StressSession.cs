using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Igt.Kernel;
using Igt.Kernel.Printk;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Stress.Core;

namespace Igt.Stress.Workloads;

/// <summary>
/// Executes one workload's operations on a machine, as one process, and checks the invariants after every
/// operation: every live BO holds what the model expects, no kernel report or GPU fault the workload did not
/// provoke, and (at <see cref="Finish"/>) every page back once everything is closed. Each public operation method is
/// an explicit call a repro test can make; a broken invariant throws <see cref="StressViolation"/>.
/// </summary>
public abstract class StressSession : IDisposable
{
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo> Methods = new();
    private readonly List<Regex> _expected = new();
    private ulong _dmesgCursor;
    private long _baselinePages;
    private bool _finished;
    private bool _violated;

    protected StressSession(Machine machine, string driver)
    {
        Machine = machine;
        Driver = driver;
        Task = machine.Spawn("stress");
        Sys = new EmulatedSyscalls(Task);
    }

    public Machine Machine { get; }

    public string Driver { get; }

    public TaskStruct Task { get; }

    public ISyscalls Sys { get; }

    /// <summary>An operation ended the session (etnaviv's unbind): later operations would all be no-ops.</summary>
    public bool Ended { get; protected set; }

    /// <summary>Operations executed so far.</summary>
    public int Ops { get; private set; }

    /// <summary>Check the invariants after every Nth operation (1 = after each).</summary>
    public int CheckEvery { get; set; } = 1;

    /// <summary>Regex of the driver's GPU fault lines (an unprovoked one is a finding).</summary>
    protected abstract string GpuFaultRegex { get; }

    /// <summary>Runs a generated operation through its method.</summary>
    public void Execute(StressOp op)
    {
        var m = Methods.GetOrAdd((GetType(), op.Kind.Name), k =>
            k.Item1.GetMethod(k.Item2, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{k.Item1.Name} has no operation {k.Item2}"));
        var ps = m.GetParameters();
        var args = new object[ps.Length];
        for (var i = 0; i < ps.Length; i++)
            args[i] = Convert.ChangeType(ps[i].ParameterType == typeof(uint) ? (object)(uint)op.Args[i] : op.Args[i], ps[i].ParameterType,
                System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            m.Invoke(this, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    /// <summary>Starts the session: lets the subclass open its files, then records the page baseline.</summary>
    protected void Begin()
    {
        // The process's own memory goes with it at exit: the baseline is what the kernel holds without it.
        _baselinePages = SettledUsedPages(long.MinValue) - Machine.Pages.PagesOwnedBy(Igt.Kernel.Mm.PageOwner.Anon);
        _dmesgCursor = Machine.Dmesg.NextSeq;
    }

    /// <summary>dmesg lines the workload provokes on purpose (bad arguments it sends, faults it asks for).</summary>
    protected void ExpectDmesg(string regex) => _expected.Add(new Regex(regex, RegexOptions.Compiled));

    /// <summary>Called at the end of every operation method.</summary>
    protected void Step()
    {
        Ops++;
        if (Ops % CheckEvery == 0)
            Check();
    }

    /// <summary>Every invariant that can be checked between operations.</summary>
    public void Check()
    {
        CheckDmesg();
        VerifyContents();
        CheckDmesg();
    }

    /// <summary>Closes everything, lets the process exit, and checks that memory returned to the baseline.</summary>
    public void Finish()
    {
        if (_finished)
            return;
        _finished = true;
        Check();
        Teardown();
        CheckDmesg();
        Task.Exit(0);
        CheckDmesg();
        var used = SettledUsedPages(_baselinePages);
        CheckDmesg();
        // Fewer pages is fine (an unbind frees the device's own buffers); more is a leak.
        if (used > _baselinePages)
            Fail("pages leaked after teardown", $"{used - _baselinePages} pages in use beyond the {_baselinePages} before the workload " +
                $"(swap in use: {Machine.Swap.UsedPages} pages)");
    }

    /// <summary>Verifies every live BO against the model.</summary>
    protected abstract void VerifyContents();

    /// <summary>Ends spinners, closes handles, unmaps, closes files (the process exit does the rest).</summary>
    protected abstract void Teardown();

    /// <summary>Throws the violation "stress: <paramref name="what"/> (driver)".</summary>
    protected StressViolation Fail(string what, string detail)
    {
        CheckDmesg(); // a kernel report behind the symptom names the finding
        _violated = true;
        throw new StressViolation($"stress: {what} ({Driver})", detail);
    }

    private void CheckDmesg()
    {
        var records = Machine.Dmesg.ReadFrom(_dmesgCursor, out _);
        if (records.Count == 0)
            return;
        _dmesgCursor = records[^1].Seq + 1;
        var bad = records.Where(r => r.Level <= LogLevel.Warning && !r.Continuation && !_expected.Any(re => re.IsMatch(r.Text))).ToList();
        if (bad.Count == 0)
            return;
        var text = records.Select(r => r.Text).ToList();
        var excerpt = string.Join("\n", bad.Take(12).Select(r => r.Text));
        var title = FindingTitle.FromDmesg(text);
        if (title is null)
            title = bad.Any(r => Regex.IsMatch(r.Text, GpuFaultRegex))
                ? $"stress: unexpected GPU fault ({Driver})"
                : $"stress: unexpected dmesg warning ({Driver}): {Normalize(bad[0].Text)}";
        _violated = true;
        throw new StressViolation(title, excerpt);
    }

    /// <summary>Digits and hex out of a dmesg line, so the title is stable across runs.</summary>
    private static string Normalize(string line)
    {
        var s = Regex.Replace(line, @"0x[0-9a-fA-F]+|\b[0-9a-fA-F]{8,}\b|\d+", "N");
        return s.Length > 100 ? s[..100] : s;
    }

    /// <summary>Used pages once they stop changing (jobs retire and free after their fences signal).</summary>
    private long SettledUsedPages(long expected)
    {
        var deadline = Environment.TickCount64 + 2000;
        var last = Machine.Pages.UsedPages;
        var stable = 0;
        while (Environment.TickCount64 < deadline)
        {
            Thread.Sleep(1);
            var now = Machine.Pages.UsedPages;
            if (expected != long.MinValue && now <= expected)
                return now;
            stable = now == last ? stable + 1 : 0;
            last = now;
            if (expected == long.MinValue && stable >= 3)
                return now;
        }
        return last;
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        if (Task.Exited)
            return;
        // After a finding the GPU may be wedged on what the bug broke: exit without waiting for it.
        if (!_violated)
        {
            try
            {
                Teardown();
            }
            catch (Exception)
            {
                // Best effort: the machine goes down next anyway.
            }
        }
        Task.Exit(0);
    }
}
