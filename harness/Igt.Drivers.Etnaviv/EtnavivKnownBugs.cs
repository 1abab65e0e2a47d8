namespace Igt.Drivers.Etnaviv;

/// <summary>
/// Switchable defects from "Moving Etnaviv forward (Was: Re: Etnaviv DRM driver - oops when unloading)", dri-devel,
/// May/June 2015 (Russell King, Lucas Stach). Off by default; a machine turns one on with "etnaviv.&lt;Name&gt;".
/// </summary>
public static class EtnavivKnownBugs
{
    public const string Driver = "etnaviv";

    /// <summary>
    /// The GPU executes the user's command buffer in place after the kernel validated a snapshot of it, with the
    /// relocations patched into the user's memory: "by not directly exposing the memory which the GPU executes its
    /// command stream into userspace, we prevent submit-then-change attacks bypassing the kernel command parser."
    /// </summary>
    public const string ExecuteUserCommandBuffer = nameof(ExecuteUserCommandBuffer);

    /// <summary>Unbind frees the command buffers and GPU page tables that open objects still use (the oops on rmmod).</summary>
    public const string UnloadWithOpenObjects = nameof(UnloadWithOpenObjects);

    /// <summary>
    /// The device lock is taken before the submit's user data is copied in: "Do we really want to stall graphics on
    /// the entire GPU while some process' page happens to be swapped out to disk? I suspect not."
    /// </summary>
    public const string LockAcrossUserFaults = nameof(LockAcrossUserFaults);

    /// <summary>
    /// The first CPU fault allocates every page of the BO: "We end up allocating all pages for the buffer as soon as
    /// any page is faulted in (consider if it's a 1080p buffer...)".
    /// </summary>
    public const string EagerPageAllocation = nameof(EagerPageAllocation);

    /// <summary>Relocation offsets are not checked against the size of the target BO.</summary>
    public const string SkipRelocBounds = nameof(SkipRelocBounds);

    public static IReadOnlyList<string> All { get; } =
        [ExecuteUserCommandBuffer, UnloadWithOpenObjects, LockAcrossUserFaults, EagerPageAllocation, SkipRelocBounds];
}
