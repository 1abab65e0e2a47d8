namespace Igt.Kernel.Printk;

/// <summary>
/// WARN_ON / BUG / oops / KASAN helpers that log the kernel's message shapes and set the taint bits
/// the real kernel sets. Callers pass the function name the report blames.
/// </summary>
public sealed class KernelReport
{
    private const string Separator = "==================================================================";
    private readonly Dmesg _dmesg;
    private int _oopsCount;

    public KernelReport(Dmesg dmesg) => _dmesg = dmesg;

    public int OopsCount => Volatile.Read(ref _oopsCount);

    /// <summary>WARN(): "WARNING: CPU: 0 PID: n at file:line func+0x/0x", taint W.</summary>
    public void Warn(string function, string? message = null, int pid = 0, string comm = "kworker/0:1")
    {
        var lines = new List<string>();
        if (message is not null)
            lines.Add(message);
        lines.Add($"WARNING: CPU: 0 PID: {pid} at {function}+0x{Hash(function) & 0xfff:x}/0x{0x400 + (Hash(function) & 0x3ff):x}");
        lines.Add($"CPU: 0 UID: 0 PID: {pid} Comm: {comm} {(_dmesg.Tainted | Taint.Warn).ToTaintString()}");
        lines.Add("Call Trace:");
        lines.Add($" {function}+0x{Hash(function) & 0xfff:x}/0x{0x400 + (Hash(function) & 0x3ff):x}");
        lines.Add("---[ end trace 0000000000000000 ]---");
        _dmesg.AddTaint(Taint.Warn);
        _dmesg.PrintkLines(LogLevel.Warning, lines);
    }

    /// <summary>An oops (BUG(), general protection fault, NULL dereference): "Oops: ..." and taint D.</summary>
    public void Oops(string headline, string function, int pid = 0, string comm = "kworker/0:1", string? detail = null)
    {
        var n = Interlocked.Increment(ref _oopsCount);
        var lines = new List<string> { headline };
        if (detail is not null)
            lines.Add(detail);
        lines.Add($"Oops: 0000 [#{n}] PREEMPT SMP");
        lines.Add($"CPU: 0 UID: 0 PID: {pid} Comm: {comm} {(_dmesg.Tainted | Taint.Die).ToTaintString()}");
        lines.Add($"RIP: 0010:{function}+0x{Hash(function) & 0xfff:x}/0x{0x400 + (Hash(function) & 0x3ff):x}");
        lines.Add("Call Trace:");
        lines.Add($" {function}+0x{Hash(function) & 0xfff:x}/0x{0x400 + (Hash(function) & 0x3ff):x}");
        lines.Add("---[ end trace 0000000000000000 ]---");
        _dmesg.AddTaint(Taint.Die);
        _dmesg.PrintkLines(LogLevel.Emerg, lines);
    }

    /// <summary>An exception escaped a driver path: reported as an oops naming the exception, taint D.</summary>
    public void OopsFromException(Exception e, string function, int pid = 0, string comm = "kworker/0:1")
    {
        var site = e.TargetSite is { } m ? $"{m.DeclaringType?.Name}.{m.Name}" : function;
        Oops($"BUG: unable to handle kernel exception in {function}: {e.GetType().Name}: {e.Message}", function,
            pid, comm, $"exception site: {site}");
    }

    /// <summary>A KASAN report: "BUG: KASAN: use-after-free in func", access size and address, taint B.</summary>
    public void Kasan(string bugType, string function, ulong address, int size, bool write, string accessor,
        string? allocatedBy = null, string? freedBy = null)
    {
        var lines = new List<string>
        {
            Separator,
            $"BUG: KASAN: {bugType} in {function}+0x{Hash(function) & 0xfff:x}/0x{0x400 + (Hash(function) & 0x3ff):x}",
            $"{(write ? "Write" : "Read")} of size {size} at addr {address:x16} by task {accessor}",
            "",
        };
        if (allocatedBy is not null)
            lines.Add($"Allocated by task {allocatedBy}");
        if (freedBy is not null)
            lines.Add($"Freed by task {freedBy}");
        lines.Add($"The buggy address belongs to the physical page pfn:0x{address >> 12:x}");
        lines.Add(Separator);
        _dmesg.AddTaint(Taint.BadPage);
        _dmesg.PrintkLines(LogLevel.Err, lines);
    }

    /// <summary>"BUG: Bad page state": a page freed twice or freed while still mapped. Taint B.</summary>
    public void BadPage(ulong pfn, string reason, string function)
    {
        _dmesg.AddTaint(Taint.BadPage);
        _dmesg.PrintkLines(LogLevel.Alert, new[]
        {
            $"BUG: Bad page state in process {function}  pfn:{pfn:x}",
            $"page dumped because: {reason}",
        });
    }

    private static uint Hash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
            h = (h ^ c) * 16777619u;
        return h;
    }
}
