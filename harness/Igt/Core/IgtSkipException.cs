namespace Igt.Core;

/// <summary>igt_skip / igt_require: the subtest cannot run here. The test framework reports it as skipped.</summary>
public sealed class IgtSkipException(string reason) : Exception(reason);
