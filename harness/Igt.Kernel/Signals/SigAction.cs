namespace Igt.Kernel.Signals;

/// <summary>What a task does with a signal (struct sigaction, reduced to what matters for syscalls).</summary>
public sealed record SigAction(SigDisposition Disposition, bool Restart = false)
{
    public static readonly SigAction Default = new(SigDisposition.Default);
    public static readonly SigAction Ignore = new(SigDisposition.Ignore);

    /// <summary>A handler that only counts (like IGT's signal helper handler); SA_RESTART as given.</summary>
    public static SigAction Counting(bool restart) => new(SigDisposition.Handler, restart);
}

public enum SigDisposition
{
    Default,
    Ignore,
    Handler,
}
