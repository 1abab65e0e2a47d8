namespace Igt.Runner.Report;

/// <summary>piglit's comparison pages (framework/summary/common.py), in the order the report lists them.</summary>
public enum ComparisonCategory
{
    Regressions,
    Fixes,
    Changes,
    Problems,
    Enabled,
    Disabled,
}
