using BenchmarkDotNet.Running;

namespace Igt.Bench;

/// <summary>Runs the benchmarks: `dotnet run -c Release --project bench/Igt.Bench -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
