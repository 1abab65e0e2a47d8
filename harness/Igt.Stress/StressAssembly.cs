namespace Igt.Stress;

/// <summary>Marker for the stress, fuzz and reproducer library (docs/stress.md).</summary>
public static class StressAssembly;
