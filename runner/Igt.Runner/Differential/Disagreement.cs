namespace Igt.Runner.Differential;

/// <summary>
/// One way a test behaved differently on the two runs: <see cref="Kind"/> is status, errno, dmesg or missing;
/// <see cref="Explanation"/> is the documented reason when the expected-differences list covers it.
/// </summary>
public sealed record Disagreement(string Test, string Kind, string Emulated, string Real, string? Explanation = null)
{
    public bool Explained => Explanation is not null;
}
