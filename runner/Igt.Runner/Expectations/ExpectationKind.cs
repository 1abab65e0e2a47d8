namespace Igt.Runner.Expectations;

/// <summary>The kinds of drm-ci expectation file (drivers/gpu/drm/ci/xfails).</summary>
public enum ExpectationKind
{
    Fails,
    Flakes,
    Skips,
}
