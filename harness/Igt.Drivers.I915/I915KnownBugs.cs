namespace Igt.Drivers.I915;

/// <summary>
/// The i915 known bugs (off by default; MachineConfig.WithBug("i915", name)). Each re-creates a defect from the
/// i915 history so the suite can prove it catches it.
/// </summary>
public static class I915KnownBugs
{
    public const string Driver = "i915";

    /// <summary>
    /// Synchronized userptr without an MMU notifier: the pages are looked up once, without a pin, and never
    /// invalidated. After munmap (or swap-out) the pages are freed and reused while the GPU keeps using them.
    /// Source: the first userptr postings (dri-devel, Feb-Apr 2013, "drm/i915: Introduce mapping of user pages
    /// into video memory (userptr) ioctl"), whose v3 added the notifier "to drop our page references prior to the
    /// kernel manipulating the vma ... and so protect normal users".
    /// </summary>
    public const string UserptrNoNotifier = nameof(UserptrNoNotifier);

    /// <summary>
    /// GEM_USERPTR accepts a pointer or size that is not page aligned. Source: the same thread, where v5
    /// "prevents userspace from attempting to GTT mmap non-page aligned buffers" and review asked to reject
    /// unaligned ranges outright; the merged ioctl checks offset_in_page(user_ptr | user_size).
    /// </summary>
    public const string UserptrUnalignedAccepted = nameof(UserptrUnalignedAccepted);

    /// <summary>
    /// GEM_WAIT does not write the remaining time back, so a wait restarted after a signal starts the full
    /// timeout again. Source: i915_gem_wait_ioctl's write-back of args->timeout_ns (and its "jiffie/scheduler
    /// precision" -EAGAIN fix-up), which exists because the relative timeout must survive -ERESTARTSYS.
    /// </summary>
    public const string WaitTimeoutNotUpdated = nameof(WaitTimeoutNotUpdated);

    /// <summary>
    /// EXECBUFFER2 throttles for ring space after the request has been queued and reports an interrupted wait as
    /// -EINTR, so the restarted ioctl queues the batch a second time. Source: i915_gem_execbuffer.c, which
    /// throttles in eb_pin_engine()/eb_throttle() before building the request and ignores errors once the
    /// request is committed ("Now that we have begun execution of the batchbuffer, we ignore any new error").
    /// </summary>
    public const string ExecbufReplayOnRestart = nameof(ExecbufReplayOnRestart);

    /// <summary>
    /// The shrinker swaps out or purges objects the GPU is still using (it skips the active check and leaves the
    /// busy object's GPU PTEs in place). Source: i915_gem_shrinker.c, which only drops pages of objects it can
    /// unbind and never of active ones unless asked to wait (I915_SHRINK_ACTIVE).
    /// </summary>
    public const string ShrinkBusyObjects = nameof(ShrinkBusyObjects);

    public static IReadOnlyList<string> All { get; } =
        [UserptrNoNotifier, UserptrUnalignedAccepted, WaitTimeoutNotUpdated, ExecbufReplayOnRestart, ShrinkBusyObjects];

    /// <summary>The name MachineConfig.KnownBugs uses ("i915.UserptrNoNotifier").</summary>
    public static string Qualified(string bug) => $"{Driver}.{bug}";
}
