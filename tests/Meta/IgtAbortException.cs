namespace Igt.Tests.Meta;

/// <summary>
/// igt_abort_on_f for the meta test: the journal records "abort" for any exception type named IgtAbortException
/// (see ResultObserver), and the runner stops the run.
/// </summary>
public sealed class IgtAbortException(string message) : Exception(message);
