namespace Igt.Core;

/// <summary>igt_assert and friends failed: the subtest fails (not a crash).</summary>
public sealed class IgtAssertionException(string message) : Exception(message);
