namespace Igt.Os;

/// <summary>
/// The kernel log of a backend whose kernel is not the emulated machine (a real kernel behind a proxy): the
/// fixture applies the same dmesg-warn rules to it as to the emulated machine's log.
/// </summary>
public interface IKernelLog
{
    /// <summary>/dev/kmsg records (<c>prio,seq,usec,flags;text</c>) logged since the last call.</summary>
    IReadOnlyList<string> ReadKmsg();
}
