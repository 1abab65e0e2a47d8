namespace Igt.Runner;

/// <summary>Names and versions the runner writes into its outputs.</summary>
public static class RunnerInfo
{
    /// <summary>"igt-version" in results.json (IGT puts its IGT-Version line there).</summary>
    public const string IgtVersion = "igt-dotnet 0.1";

    /// <summary>How a person reruns the runner from the repository root (used in printed rerun commands).</summary>
    public const string Invocation = "dotnet run --project runner/Igt.Runner -c Release --";
}
