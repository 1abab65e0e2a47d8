namespace Igt.Tests.Stress;

internal static class StressPlaceholder;
