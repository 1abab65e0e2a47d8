using Igt.Fixtures;
using Xunit.Abstractions;

namespace Igt.Tests.Stress;

/// <summary>igt@stress_panfrost@mixed: the panfrost-mixed workload for the profile's duration.</summary>
public sealed class StressPanfrost(ITestOutputHelper output) : StressWorkloadTest(output)
{
    protected override string WorkloadName => "panfrost-mixed";

    [Subtest("mixed")]
    public void Mixed() => RunWorkload();
}

/// <summary>igt@stress_etnaviv@mixed.</summary>
public sealed class StressEtnaviv(ITestOutputHelper output) : StressWorkloadTest(output)
{
    protected override string WorkloadName => "etnaviv-mixed";

    [Subtest("mixed")]
    public void Mixed() => RunWorkload();
}

/// <summary>igt@stress_i915@mixed.</summary>
public sealed class StressI915(ITestOutputHelper output) : StressWorkloadTest(output)
{
    protected override string WorkloadName => "i915-mixed";

    [Subtest("mixed")]
    public void Mixed() => RunWorkload();
}
