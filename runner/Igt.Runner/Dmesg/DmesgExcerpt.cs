namespace Igt.Runner.Dmesg;

/// <summary>A subtest's kernel log as results.json shows it: every line, and the lines that count as warnings.</summary>
public sealed record DmesgExcerpt(string Dmesg, string Warnings)
{
    public bool HasWarnings => Warnings.Length > 0;
}
