using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Hw;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>struct i915_execbuffer: the state of one GEM_EXECBUFFER2 call (see <see cref="I915GemExecbuffer"/>).</summary>
internal sealed class I915Execbuffer(I915Private i915, DrmFile file, I915FilePrivate fpriv, TaskStruct task,
    DrmI915GemExecbuffer2 args, DrmI915GemExecObject2[] entries)
{
    private readonly List<I915ExecVma> _vmas = new();
    private readonly List<DmaFence> _inFences = new();
    private readonly List<(DrmSyncobj Syncobj, bool Signal)> _fenceArray = new();

    public ulong Rsvd2 { get; private set; } = args.Rsvd2;

    private I915GemContext Ctx => fpriv.Context;

    private I915Ppgtt Vm => fpriv.Vm;

    public int Execute()
    {
        try
        {
            return ExecuteLocked();
        }
        finally
        {
            foreach (var ev in _vmas)
            {
                ev.Obj.ExecbufPut();
                ev.Obj.Put();
            }
        }
    }

    private int ExecuteLocked()
    {
        var flags = args.Flags;
        if ((flags & I915ExecFlags.Secure) != 0)
        {
            if (i915.Platform.GraphicsVersion >= 11)
                return -Errno.ENODEV;
            if (!file.IsMaster || !task.IsRoot)
                return -Errno.EPERM;
        }
        if ((uint)args.Rsvd1 != 0)
            return -Errno.ENOENT; // only the default context exists
        var err = ParseFences();
        if (err != 0)
            return err;
        var ring = flags & I915ExecFlags.RingMask;
        if (ring != I915ExecFlags.Bsd && (flags & I915ExecFlags.BsdMask) != 0)
            return -Errno.EINVAL;
        var engine = i915.EngineFor(ring);
        if (engine is null)
            return -Errno.EINVAL;

        err = LookupObjects();
        if (err != 0)
            return err;
        var batchIndex = (flags & I915ExecFlags.BatchFirst) != 0 ? 0 : _vmas.Count - 1;
        var batch = _vmas[batchIndex];
        if (batch.Write)
            return -Errno.EINVAL; // self-modifying batch buffers are not allowed to be written by the GPU
        var batchLen = args.BatchLen == 0 ? batch.Obj.Size - Math.Min(args.BatchStartOffset, batch.Obj.Size) : args.BatchLen;
        if (args.BatchStartOffset >= batch.Obj.Size || batchLen > batch.Obj.Size - args.BatchStartOffset)
            return -Errno.EINVAL;

        // eb_add_vma: a relocated, unpinned batch is kept off the bottom of the address space (negative
        // relocation deltas from SNA-style batch compression must not wrap).
        if (batch.Entry.RelocationCount > 0 && (batch.Flags & ExecObjectFlags.Pinned) == 0)
            batch.OffsetBias = BatchOffsetBias;

        foreach (var ev in _vmas)
        {
            if (ev.Obj is I915UserptrObject uptr)
            {
                err = uptr.SubmitInit(task);
                if (err != 0)
                    return err;
            }
            else if (ev.Obj.Purged || ev.Obj.Madv != (int)I915Madv.WillNeed)
            {
                return -Errno.EFAULT; // "Attempting to obtain a purgeable object"
            }
        }

        var replayBug = i915.Bug(I915KnownBugs.ExecbufReplayOnRestart);
        if (!replayBug)
        {
            err = Throttle(engine);
            if (err != 0)
                return err;
        }

        I915Request rq;
        lock (Vm.ExecLock)
        {
            err = Reserve();
            if (err == 0)
                err = Relocate();
            if (err != 0)
            {
                Unpin();
                return err;
            }
            rq = BuildRequest(engine, batch, out err);
            Unpin();
            if (err != 0)
                return err;
        }
        WriteBackOffsets();
        if ((flags & I915ExecFlags.FenceOut) != 0)
        {
            var fd = task.Files.Install(new SyncFile(rq.Fence));
            if (fd >= 0)
                Rsvd2 = (Rsvd2 & 0xffffffffUL) | ((ulong)(uint)fd << 32);
        }

        // Known bug: throttling after the request is committed, reporting the interruption as an error.
        if (replayBug)
        {
            err = Throttle(engine);
            if (err != 0)
                return err;
        }
        return 0;
    }

    /// <summary>sizeof(struct eb_fence) on 64-bit, and the largest krealloc (KMALLOC_MAX_SIZE, order-10 pages).</summary>
    private const ulong EbFenceSize = 32;
    private const ulong KmallocMaxSize = 4UL << 20;

    /// <summary>eb_throttle: wait for ring space; an interrupted wait is -EINTR (-EWOULDBLOCK with O_NONBLOCK).</summary>
    private int Throttle(I915Engine engine)
    {
        if (Ctx.Inflight(engine) < I915GemContext.RingRequests)
            return 0;
        if ((file.Flags & OpenFlags.NonBlock) != 0)
            return -Errno.EAGAIN;
        return Ctx.Throttle(engine) < 0 ? -Errno.EINTR : 0;
    }

    private int ParseFences()
    {
        if ((args.Flags & (I915ExecFlags.FenceIn | I915ExecFlags.FenceSubmit)) != 0)
        {
            var f = task.Files.Get((int)(uint)args.Rsvd2);
            if (f is not SyncFile sf)
            {
                f?.Put();
                return -Errno.EINVAL;
            }
            _inFences.Add(sf.Fence);
            f.Put();
        }
        if ((args.Flags & I915ExecFlags.UseExtensions) != 0 && args.CliprectsPtr != 0)
        {
            // No execbuf extension is emulated: any name is unknown.
            Span<byte> ext = stackalloc byte[UapiStruct.SizeOf<I915UserExtension>()];
            return task.Mm.CopyFromUser(ext, args.CliprectsPtr) != 0 ? -Errno.EFAULT : -Errno.EINVAL;
        }
        if ((args.Flags & I915ExecFlags.FenceArray) != 0 && args.NumCliprects > 0)
        {
            // add_fence_array(): access_ok over the whole array, one krealloc for all of them (__GFP_NOWARN: a huge
            // count is -ENOMEM, no warning), then struct drm_i915_gem_exec_fence { u32 handle; u32 flags } one at a time.
            var n = args.NumCliprects;
            if (!MmStruct.AccessOk(args.CliprectsPtr, n * 8UL))
                return -Errno.EFAULT;
            if (n * EbFenceSize > KmallocMaxSize)
                return -Errno.ENOMEM;
            Span<byte> raw = stackalloc byte[8];
            for (var i = 0UL; i < n; i++)
            {
                if (task.Mm.CopyFromUser(raw, args.CliprectsPtr + i * 8) != 0)
                    return -Errno.EFAULT;
                var handle = BitConverter.ToUInt32(raw);
                var fl = BitConverter.ToUInt32(raw[4..]);
                if ((fl & ~3u) != 0)
                    return -Errno.EINVAL;
                var syncobj = file.SyncobjFind(handle);
                if (syncobj is null)
                    return -Errno.ENOENT;
                if ((fl & 1) != 0)
                {
                    if (syncobj.Fence is not { } wait)
                        return -Errno.EINVAL;
                    _inFences.Add(wait);
                }
                if ((fl & 2) != 0)
                    _fenceArray.Add((syncobj, true));
            }
        }
        return 0;
    }

    /// <summary>eb_lookup_vmas + eb_validate_vma.</summary>
    private int LookupObjects()
    {
        for (var i = 0; i < entries.Length; i++)
        {
            ref var e = ref entries[i];
            var obj = I915GemLookup.Lookup(file, e.Handle);
            if (obj is null)
                return -Errno.ENOENT;
            var ev = new I915ExecVma(i, e, obj);
            obj.ExecbufGet();
            _vmas.Add(ev);
            if ((e.Flags & ExecObjectFlags.UnknownFlags) != 0)
                return -Errno.EINVAL;
            if (e.Alignment != 0 && (e.Alignment & (e.Alignment - 1)) != 0)
                return -Errno.EINVAL;
            if ((e.Flags & ExecObjectFlags.Pinned) != 0 && e.Offset != I915Ppgtt.Canonical(e.Offset & ~4095UL))
                return -Errno.EINVAL;
            if ((e.Flags & ExecObjectFlags.PadToSize) != 0)
            {
                if ((e.Rsvd1 & 4095) != 0)
                    return -Errno.EINVAL;
            }
            else
            {
                ev.Entry.Rsvd1 = 0;
            }
            if (_vmas.Take(i).Any(o => ReferenceEquals(o.Obj, obj)))
                return -Errno.EINVAL; // object listed twice
        }
        return 0;
    }

    /// <summary>BATCH_OFFSET_BIAS: the lowest address a relocated batch is placed at.</summary>
    public const ulong BatchOffsetBias = 256 * 1024;

    /// <summary>eb_reserve: bind every object (softpinned ones where asked) and pin its VMA for this execbuf.</summary>
    private int Reserve()
    {
        // Softpinned objects first, so the others do not take their place.
        foreach (var ev in _vmas.OrderBy(e => (e.Flags & ExecObjectFlags.Pinned) != 0 ? 0 : 1))
        {
            ev.Vma = Vm.Instance(ev.Obj);
            ulong? at = (ev.Flags & ExecObjectFlags.Pinned) != 0 ? I915Ppgtt.Decanonical(ev.Entry.Offset) : null;
            var allow48 = (ev.Flags & ExecObjectFlags.Supports48BAddress) != 0;
            var err = Vm.Pin(ev.Vma, at, Math.Max(ev.Entry.Alignment, 4096), ev.BindSize, allow48, ev.OffsetBias);
            if (err != 0)
                return err == -Errno.ENOSPC && at is not null ? -Errno.EINVAL : err;
            ev.Pinned = true;
            ev.Offset = ev.Vma.Start;
        }
        return 0;
    }

    /// <summary>eb_relocate_parse: skipped with NO_RELOC when every object stayed where userspace thinks it is.</summary>
    private int Relocate()
    {
        var handleLut = (args.Flags & I915ExecFlags.HandleLut) != 0;
        if ((args.Flags & I915ExecFlags.NoReloc) != 0
            && _vmas.All(e => I915Ppgtt.Canonical(e.Offset) == e.Entry.Offset))
            return 0;
        foreach (var ev in _vmas)
        {
            var err = I915Relocations.Relocate(task, ev, _vmas, handleLut);
            if (err != 0)
                return err;
        }
        return 0;
    }

    /// <summary>
    /// i915_request_create + eb_move_to_gpu + i915_request_add, under the userptr notifier lock: a userptr whose
    /// pages were invalidated since they were bound makes the whole execbuf -EAGAIN (userspace retries).
    /// </summary>
    private I915Request BuildRequest(I915Engine engine, I915ExecVma batch, out int err)
    {
        lock (i915.NotifierLock)
        {
            foreach (var ev in _vmas)
            {
                if (ev.Obj is I915UserptrObject u && !u.StillCurrent())
                {
                    err = -Errno.EAGAIN;
                    return null!;
                }
            }
            var fence = Ctx.NextFence(engine);
            var rq = new I915Request(engine, Ctx, batch.Offset + args.BatchStartOffset, fence, task.Comm, task.Pid);
            rq.Dependencies.AddRange(_inFences);
            foreach (var ev in _vmas)
            {
                if ((ev.Flags & ExecObjectFlags.Async) == 0)
                    rq.Dependencies.AddRange(ev.Obj.ImplicitDependencies(ev.Write));
            }
            foreach (var ev in _vmas)
            {
                ev.Obj.Resv.AddFence(fence, ev.Write ? DmaResvUsage.Write : DmaResvUsage.Read);
                if (ev.Write)
                {
                    ev.Obj.ReadDomains = I915GemDomain.Render;
                    ev.Obj.WriteDomain = I915GemDomain.Render;
                }
                ev.Obj.Get();
                rq.Objects.Add(ev.Obj);
            }
            foreach (var (syncobj, _) in _fenceArray)
                syncobj.ReplaceFence(fence);
            Ctx.Added(rq);
            engine.Submit(rq);
            err = 0;
            return rq;
        }
    }

    private void Unpin()
    {
        foreach (var ev in _vmas)
        {
            if (ev.Pinned)
            {
                Vm.Unpin(ev.Vma!);
                ev.Pinned = false;
            }
        }
    }

    /// <summary>Objects that moved get their new (canonical) offset written back to the user's list.</summary>
    private void WriteBackOffsets()
    {
        foreach (var ev in _vmas)
        {
            var offset = I915Ppgtt.Canonical(ev.Offset);
            if (offset == ev.Entry.Offset)
                continue;
            task.Mm.CopyToUser(args.BuffersPtr + (ulong)(ev.Index * UapiStruct.SizeOf<DrmI915GemExecObject2>()) + DrmI915GemExecObject2.OffsetOfOffset,
                BitConverter.GetBytes(offset));
        }
    }
}
