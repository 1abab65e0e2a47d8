namespace Igt.Stress.Workloads;

/// <summary>
/// An invariant of a stress session did not hold. <see cref="Title"/> is the dedup key (no numbers that vary
/// between runs); the message adds the detail (which BO, which dword, the dmesg excerpt).
/// </summary>
public sealed class StressViolation(string title, string detail) : Exception($"{title}: {detail}")
{
    public string Title { get; } = title;

    public string Detail { get; } = detail;
}
