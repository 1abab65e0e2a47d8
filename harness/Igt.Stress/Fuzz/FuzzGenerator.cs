using Bogus;
using Igt.Drm.Uapi;

namespace Igt.Stress.Fuzz;

/// <summary>
/// Builds the next op of a lane from the descriptions: typed, valid-looking values most of the time (live handles
/// from earlier results, arena pointers, right sizes and counts) and, by seeded choice, mutated ones (boundary
/// values, bit flips, stale or foreign handles and fds, bad pointers, huge counts, wrong request numbers).
/// One generator per lane; the seed fixes every choice.
/// </summary>
public sealed class FuzzGenerator
{
    private readonly FuzzTarget _target;
    private readonly FuzzResources _res;
    private readonly Randomizer _r;
    private int _lane;
    private readonly int _totalWeight;
    private float _mutate;
    private ulong _scratch;
    private List<FuzzBlob> _mem = new();
    private List<FuzzFixup> _fix = new();

    public FuzzGenerator(FuzzTarget target, ulong seed)
    {
        _target = target;
        _res = new FuzzResources();
        _r = new Randomizer(unchecked((int)(seed ^ (seed >> 32))));
        _totalWeight = target.Ioctls.Sum(i => i.Weight);
    }

    /// <summary>
    /// The next op of <paramref name="lane"/>. Generation never looks at results: it predicts what each call
    /// produces and refers to it by fixup, so the ops are a function of the seed alone and a replay regenerates them.
    /// </summary>
    public FuzzOp Next(int index, int lane)
    {
        _lane = lane;
        var task = FuzzSession.TaskOfLane(_lane);
        _mem = new List<FuzzBlob>();
        _fix = new List<FuzzFixup>();
        _scratch = FuzzArena.Base(_lane);
        var roll = _r.Number(0, 99);
        if (roll < 3 && PickResource(ResourceKind.Fd, task, live: true) is { } fd)
        {
            fd.Closed = true;
            return new FuzzOp { Index = index, Kind = FuzzOpKind.Close, Task = task, Lane = _lane, Name = "close", Arg = BitConverter.GetBytes((uint)fd.Value), Fixups = [new FuzzFixup(-1, 0, 4, fd.Op, fd.Slot)] };
        }
        if (roll < 5)
        {
            var pages = (ulong)_r.Number(1, 8);
            var start = FuzzArena.Data(_lane) + (ulong)_r.Number(0, (int)(FuzzArena.DataSize / FuzzArena.PageSize - pages)) * FuzzArena.PageSize;
            var arg = new byte[16];
            FuzzValues.Write(arg, 0, 8, start);
            FuzzValues.Write(arg, 8, 8, pages * FuzzArena.PageSize);
            return new FuzzOp { Index = index, Kind = FuzzOpKind.Remap, Task = task, Lane = _lane, Name = "remap", Arg = arg };
        }

        var desc = PickIoctl();
        _mutate = _r.Number(0, 9) switch { < 5 => 0f, < 8 => 0.08f, _ => 0.25f };
        var file = _r.Number(0, 3) switch { 0 => 0, 3 => 2, _ => 1 };
        var cmd = MutateCmd(desc.Cmd);
        var size = Math.Max(desc.Arg.Size, (int)Ioc.Size(cmd));
        var bytes = new byte[size];
        var argAddr = Alloc((ulong)size);
        FillStruct(desc.Arg, bytes, -1, file, task);
        if (_r.Bool(_mutate / 4))
            argAddr = BadPointer((ulong)size);
        var op = new FuzzOp
        {
            Index = index, Kind = FuzzOpKind.Ioctl, Task = task, Lane = _lane, File = file, Name = desc.Name, Cmd = cmd,
            ArgAddr = argAddr, Arg = bytes, Mem = _mem, Fixups = _fix,
        };
        if (cmd == desc.Cmd)
            Predict(op, desc);
        return op;
    }

    /// <summary>
    /// What the call will probably do to the pool: its outputs become resources (by op and slot, with a guessed
    /// value the fixup replaces), the object a close or destroy names becomes stale.
    /// </summary>
    private void Predict(FuzzOp op, FuzzIoctl desc)
    {
        var closes = desc.Name switch
        {
            "GEM_CLOSE" or "MODE_DESTROY_DUMB" => ResourceKind.GemHandle,
            "SYNCOBJ_DESTROY" => ResourceKind.Syncobj,
            _ => ResourceKind.None,
        };
        if (closes != ResourceKind.None)
        {
            var fix = op.Fixups.FirstOrDefault(f => f.Target < 0 && f.Offset == 0 && f.Op >= 0);
            foreach (var r in _res.Select(r => fix is not null && r.Op == fix.Op && r.Slot == fix.Slot))
                r.Closed = true;
        }
        var slot = 0;
        foreach (var f in desc.Arg.Fields.Where(f => f.Kind == FieldKind.ResourceOut))
        {
            var scope = f.Resource == ResourceKind.Fd ? op.Task : op.File;
            var n = (ulong)_res.Select(r => r.Kind == f.Resource).Count;
            var guess = f.Resource switch
            {
                ResourceKind.Fd => FuzzSession.Files + n,
                ResourceKind.GpuVa => 0x0200_0000 + n * 0x10000,
                ResourceKind.MmapOffset => 0x1_0000_0000 + n * 0x10000,
                _ => n + 1,
            };
            _res.Add(new FuzzResource { Kind = f.Resource, Value = guess, Scope = scope, Op = op.Index, Slot = slot });
            slot++;
        }
    }

    private FuzzIoctl PickIoctl()
    {
        var pick = _r.Number(0, _totalWeight - 1);
        foreach (var d in _target.Ioctls)
        {
            pick -= d.Weight;
            if (pick < 0)
                return d;
        }
        return _target.Ioctls[^1];
    }

    /// <summary>Wrong struct size, direction or type in the request number, or an nr nobody handles.</summary>
    private uint MutateCmd(uint cmd)
    {
        if (!_r.Bool(0.04f))
            return cmd;
        return _r.Number(0, 4) switch
        {
            0 => Ioc.Encode(Ioc.Dir(cmd), Ioc.Type(cmd), Ioc.Nr(cmd), (uint)_r.ArrayElement(new[] { 0, 4, 8, (int)Ioc.Size(cmd) + 8, (int)Ioc.Size(cmd) / 2, 0x3fff })),
            1 => Ioc.Encode((uint)_r.Number(0, 3), Ioc.Type(cmd), Ioc.Nr(cmd), Ioc.Size(cmd)),
            2 => Ioc.Encode(Ioc.Dir(cmd), (uint)_r.Number(0, 255), Ioc.Nr(cmd), Ioc.Size(cmd)),
            3 => Ioc.Encode(Ioc.Dir(cmd), Ioc.Type(cmd), (uint)_r.Number(0x40, 0x9f), Ioc.Size(cmd)),
            _ => Ioc.Encode(Ioc.Dir(cmd), Ioc.Type(cmd), (uint)_r.Number(0, 255), Ioc.Size(cmd)),
        };
    }

    private ulong Alloc(ulong len)
    {
        var addr = _scratch;
        _scratch = (_scratch + Math.Max(len, 1) + 15) & ~15UL;
        if (_scratch > FuzzArena.Base(_lane) + FuzzArena.ScratchSize)
            _scratch = FuzzArena.Base(_lane) + 4096;
        return addr;
    }

    private ulong BadPointer(ulong len) => _r.Number(0, 5) switch
    {
        0 => _r.ArrayElement(FuzzValues.BadPointers),
        1 => FuzzArena.End(_lane) - Math.Min(len, 8) / 2, // straddles the end of the mapping
        2 => FuzzArena.End(_lane) + 0x1000, // unmapped
        3 => FuzzArena.ReadOnly(_lane), // copy-out faults
        4 => FuzzArena.Base(_lane) + 1, // misaligned
        _ => FuzzArena.Base(_lane) - 0x1000,
    };

    private void FillStruct(FuzzStruct s, byte[] dst, int target, int file, int task)
    {
        // Scalars first: pointer fields then set their counts (and read sizes they depend on).
        foreach (var f in s.Fields)
        {
            if (f.Kind is not (FieldKind.ArrayPtr or FieldKind.BufPtr or FieldKind.UserRange))
                FuzzValues.Write(dst, f.Offset, f.Size, Scalar(f, dst, target, file, task));
        }
        foreach (var f in s.Fields)
        {
            switch (f.Kind)
            {
                case FieldKind.ArrayPtr:
                    ArrayPtr(s, f, dst, file, task);
                    break;
                case FieldKind.BufPtr:
                    BufPtr(s, f, dst);
                    break;
                case FieldKind.UserRange:
                    UserRange(s, f, dst);
                    break;
            }
        }
    }

    private bool Mutating => _mutate > 0 && _r.Bool(_mutate);

    private ulong Mutate(FuzzField f, ulong v) => _r.Number(0, 3) switch
    {
        0 => FuzzValues.Truncate(_r.ArrayElement(FuzzValues.Boundaries), f.Size),
        1 => v ^ (1UL << _r.Number(0, f.Size * 8 - 1)),
        2 => FuzzValues.Truncate(_r.ULong(), f.Size),
        _ => FuzzValues.Truncate(v + (ulong)_r.Number(-2, 2), f.Size),
    };

    private ulong Scalar(FuzzField f, byte[] dst, int target, int file, int task)
    {
        ulong v;
        switch (f.Kind)
        {
            case FieldKind.Int:
                v = f.Values.Count > 0 && _r.Bool(0.8f) ? _r.ArrayElement(f.Values.ToArray()) : (ulong)_r.Number(0, 16);
                break;
            case FieldKind.Flags:
                v = f.Mask & _r.ULong() & (_r.Bool(0.3f) ? 0 : ulong.MaxValue);
                break;
            case FieldKind.Enum:
            case FieldKind.Size:
                v = f.Values.Count > 0 ? _r.ArrayElement(f.Values.ToArray()) : 0;
                break;
            case FieldKind.Resource:
            {
                var rv = FuzzValues.Truncate(ResourceValue(f, target, file, task), f.Size);
                return Mutating ? Mutate(f, rv) : rv;
            }
            case FieldKind.AbsTimeoutNs:
                if (Mutating)
                    return Mutate(f, 0);
                if (_r.Bool(0.3f))
                    return (ulong)_r.Number(0, 1); // poll / long past
                _fix.Add(new FuzzFixup(target, f.Offset, 8, FuzzFixup.Now, 0));
                return (ulong)(_r.Number(0, 20) * 1_000_000L);
            case FieldKind.RelTimeoutNs:
                v = (ulong)(_r.Number(0, 2) * 1_000_000L);
                break;
            case FieldKind.AbsTimespec:
                if (Mutating)
                {
                    FuzzValues.Write(dst, f.Offset + 8, 8, _r.ArrayElement(FuzzValues.Boundaries));
                    return _r.ArrayElement(FuzzValues.Boundaries);
                }
                _fix.Add(new FuzzFixup(target, f.Offset, 16, FuzzFixup.Now, 0));
                return (ulong)(_r.Number(0, 20) * 1_000_000L);
            default: // Pad, Out, ResourceOut, Count
                v = 0;
                break;
        }
        return Mutating ? Mutate(f, v) : FuzzValues.Truncate(v, f.Size);
    }

    private static bool FileScoped(ResourceKind k) => k is ResourceKind.GemHandle or ResourceKind.Syncobj or ResourceKind.VgemFence;

    private FuzzResource? PickResource(ResourceKind kind, int scope, bool live)
    {
        var list = _res.Select(r => r.Kind == kind && r.Closed != live
            && (kind == ResourceKind.Fd ? r.Scope == scope : !FileScoped(kind) || r.Scope == scope));
        return list.Count == 0 ? null : list[_r.Number(0, list.Count - 1)];
    }

    /// <summary>A live object of this file most of the time; else stale, another file's, or a small guess.</summary>
    private ulong ResourceValue(FuzzField f, int target, int file, int task)
    {
        var scope = f.Resource == ResourceKind.Fd ? task : file;
        var choice = _r.Number(0, 99);
        FuzzResource? r = choice switch
        {
            < 80 => PickResource(f.Resource, scope, live: true),
            < 88 => PickResource(f.Resource, scope, live: false),
            < 94 => PickResource(f.Resource, f.Resource == ResourceKind.Fd ? _r.Number(0, 2) : (file + 1) % FuzzSession.Files, live: true),
            _ => null,
        };
        if (r is null)
            return f.Resource == ResourceKind.Fd ? (ulong)_r.Number(0, 12) : (ulong)_r.Number(0, 8);
        _fix.Add(new FuzzFixup(target, f.Offset, Math.Min(f.Size, 8), r.Op, r.Slot));
        return r.Value;
    }

    private void ArrayPtr(FuzzStruct s, FuzzField f, byte[] dst, int file, int task)
    {
        var elem = f.Element!;
        var count = (ulong)_r.Number(_r.Bool(0.15f) ? 0 : 1, f.MaxCount);
        var countField = s.Field(f.CountField!)!;
        var ptr = Alloc(count * (ulong)elem.Size);
        if (count > 0)
        {
            var bytes = new byte[count * (ulong)elem.Size];
            var blob = _mem.Count;
            _mem.Add(new FuzzBlob(ptr, bytes));
            for (var i = 0; i < (int)count; i++)
            {
                var el = new byte[elem.Size];
                var before = _fix.Count;
                FillStruct(elem, el, blob, file, task);
                for (var k = before; k < _fix.Count; k++)
                {
                    if (_fix[k].Target == blob)
                        _fix[k] = _fix[k] with { Offset = _fix[k].Offset + i * elem.Size };
                }
                el.CopyTo(bytes, i * elem.Size);
            }
        }
        if (Mutating)
            ptr = BadPointer(count * (ulong)elem.Size);
        if (Mutating)
            count = _r.Bool(0.5f) ? FuzzValues.Truncate(_r.ArrayElement(FuzzValues.Boundaries), countField.Size) : count + 1;
        FuzzValues.Write(dst, f.Offset, 8, ptr);
        FuzzValues.Write(dst, countField.Offset, countField.Size, count);
    }

    private void BufPtr(FuzzStruct s, FuzzField f, byte[] dst)
    {
        var countField = f.CountField is null ? null : s.Field(f.CountField);
        var len = countField is null ? (ulong)f.Values[0] : (ulong)_r.Number(0, f.MaxCount) & ~3UL;
        if (countField is not null && _r.Bool(0.2f))
            len = (ulong)f.MaxCount;
        var ptr = Alloc(len);
        if (len > 0)
            _mem.Add(new FuzzBlob(ptr, FuzzStreams.Fill(f.Content, (int)len, _r)));
        if (Mutating)
            ptr = BadPointer(len);
        if (countField is not null)
        {
            if (Mutating)
                len = FuzzValues.Truncate(_r.ArrayElement(FuzzValues.Boundaries), countField.Size);
            FuzzValues.Write(dst, countField.Offset, countField.Size, len);
        }
        FuzzValues.Write(dst, f.Offset, 8, ptr);
    }

    /// <summary>A page-aligned range of the lane's data region (userptr), or a bad one.</summary>
    private void UserRange(FuzzStruct s, FuzzField f, byte[] dst)
    {
        var sizeField = s.Field(f.CountField!)!;
        var size = FuzzValues.Read(dst, sizeField.Offset, sizeField.Size);
        var pages = Math.Max(1, (size + FuzzArena.PageSize - 1) / FuzzArena.PageSize);
        var maxPages = FuzzArena.DataSize / FuzzArena.PageSize;
        ulong ptr = pages >= maxPages
            ? FuzzArena.Data(_lane)
            : FuzzArena.Data(_lane) + (ulong)_r.Number(0, (int)(maxPages - pages)) * FuzzArena.PageSize;
        if (Mutating)
        {
            ptr = _r.Number(0, 2) switch
            {
                0 => ptr + (ulong)_r.ArrayElement(new[] { 1, 8, 0x800 }),
                1 => FuzzArena.End(_lane) - FuzzArena.PageSize,
                _ => BadPointer(size),
            };
        }
        FuzzValues.Write(dst, f.Offset, 8, ptr);
    }
}
