namespace Igt.Core;

/// <summary>igt_core: require/skip, asserts that fail the subtest, and igt_warn/igt_info logging.</summary>
public static class IgtCore
{
    private static readonly AsyncLocal<Action<string, string>?> SinkSlot = new();

    /// <summary>Where igt_info/igt_warn go (the fixture sets it per test); level is "info", "warn" or "debug".</summary>
    public static Action<string, string>? LogSink
    {
        get => SinkSlot.Value;
        set => SinkSlot.Value = value;
    }

    /// <summary>igt_require: skip the subtest unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string what)
    {
        if (!condition)
            throw new IgtSkipException($"Test requirement not met: {what}");
    }

    /// <summary>igt_skip.</summary>
    public static void Skip(string reason) => throw new IgtSkipException(reason);

    /// <summary>igt_assert.</summary>
    public static void Assert(bool condition, string what)
    {
        if (!condition)
            throw new IgtAssertionException($"Failed assertion: {what}");
    }

    /// <summary>igt_assert_eq.</summary>
    public static void AssertEq<T>(T actual, T expected, string what) where T : IEquatable<T>
    {
        if (!actual.Equals(expected))
            throw new IgtAssertionException($"Failed assertion: {what}: {actual} != {expected}");
    }

    public static void Info(string msg) => LogSink?.Invoke("info", msg);

    /// <summary>igt_warn: logged on stderr; turns a pass into "warn".</summary>
    public static void Warn(string msg) => LogSink?.Invoke("warn", msg);

    public static void Debug(string msg) => LogSink?.Invoke("debug", msg);
}
