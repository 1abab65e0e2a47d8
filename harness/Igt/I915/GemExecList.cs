using Igt.Drivers.I915.Uapi;
using Igt.Drm.Uapi;
using Igt.Os;

namespace Igt.I915;

/// <summary>
/// The drm_i915_gem_exec_object2[] and relocation arrays of an execbuf, laid out in the test process's memory
/// (what a C test keeps on its stack). Build the execbuffer2 with <see cref="Args"/>; after the call, read the
/// objects back with <see cref="Object"/> to see the offsets the kernel chose.
/// </summary>
public sealed class GemExecList(ISyscalls sys) : IDisposable
{
    private static readonly int ObjSize = UapiStruct.SizeOf<DrmI915GemExecObject2>();
    private static readonly int RelocSize = UapiStruct.SizeOf<DrmI915GemRelocationEntry>();
    private readonly List<DrmI915GemExecObject2> _objects = new();
    private readonly List<List<DrmI915GemRelocationEntry>> _relocs = new();
    private readonly List<UserBuffer> _buffers = new();
    private readonly Dictionary<int, UserBuffer> _relocBufs = new();
    private UserBuffer? _objBuf;
    private bool _written;

    public int Count => _objects.Count;

    /// <summary>Adds an object; returns its index (the HANDLE_LUT index).</summary>
    public int Add(uint handle, ulong flags = 0, ulong offset = 0, ulong alignment = 0)
    {
        _written = false;
        _objects.Add(new DrmI915GemExecObject2 { Handle = handle, Flags = flags, Offset = offset, Alignment = alignment });
        _relocs.Add(new List<DrmI915GemRelocationEntry>());
        return _objects.Count - 1;
    }

    /// <summary>A relocation in object <paramref name="index"/> at byte <paramref name="offset"/> pointing at <paramref name="target"/> + delta.</summary>
    public void Reloc(int index, ulong offset, uint target, uint delta = 0, uint readDomains = I915GemDomain.Render,
        uint writeDomain = 0, ulong presumedOffset = 0)
    {
        _written = false;
        _relocs[index].Add(new DrmI915GemRelocationEntry
        {
            TargetHandle = target, Delta = delta, Offset = offset, PresumedOffset = presumedOffset,
            ReadDomains = readDomains, WriteDomain = writeDomain,
        });
    }

    /// <summary>
    /// Writes the arrays to user memory (once: later calls reuse them, with whatever offsets and presumed
    /// offsets the kernel wrote back, as a C test resubmitting the same arrays does) and returns the execbuffer2.
    /// </summary>
    public DrmI915GemExecbuffer2 Args(ulong flags, uint batchStartOffset = 0, uint batchLen = 0)
    {
        if (!_written)
        {
            if (_objBuf is null || _objBuf.Size < (ulong)(ObjSize * _objects.Count))
                _objBuf = Alloc((ulong)(ObjSize * Math.Max(1, _objects.Count)));
            for (var i = 0; i < _objects.Count; i++)
            {
                var o = _objects[i];
                if (_relocs[i].Count > 0)
                {
                    var need = (ulong)(RelocSize * _relocs[i].Count);
                    if (!_relocBufs.TryGetValue(i, out var rb) || rb.Size < need)
                        _relocBufs[i] = rb = Alloc(need);
                    var raw = new byte[RelocSize * _relocs[i].Count];
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_relocs[i])).CopyTo(raw);
                    rb.WriteBytes(0, raw);
                    o.RelocsPtr = rb.Addr;
                    o.RelocationCount = (uint)_relocs[i].Count;
                }
                _objBuf.Write((ulong)(i * ObjSize), o);
            }
            _written = true;
        }
        return new DrmI915GemExecbuffer2
        {
            BuffersPtr = _objBuf!.Addr, BufferCount = (uint)_objects.Count, Flags = flags,
            BatchStartOffset = batchStartOffset, BatchLen = batchLen,
        };
    }

    /// <summary>The object entry as userspace sees it now (after an execbuf: the offset the kernel used).</summary>
    public DrmI915GemExecObject2 Object(int index) => _objBuf!.Read<DrmI915GemExecObject2>((ulong)(index * ObjSize));

    private UserBuffer Alloc(ulong size)
    {
        var b = UserBuffer.Alloc(sys, size);
        _buffers.Add(b);
        return b;
    }

    public void Dispose()
    {
        foreach (var b in _buffers)
            b.Dispose();
        _buffers.Clear();
        _relocBufs.Clear();
        _objBuf = null;
    }
}
