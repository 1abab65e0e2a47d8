using Igt.Drm.Uapi;

namespace Igt.Stress.Fuzz;

/// <summary>
/// Follows the results of a program's ops, in the fuzzer and in a replay alike: checks each result (errno set,
/// oracles), records what each op produced (for fixups) and keeps the resource pool up to date.
/// </summary>
public sealed class FuzzTracker
{
    private readonly FuzzTarget _target;
    private readonly Dictionary<string, FuzzIoctl> _byName;

    public FuzzTracker(FuzzTarget target)
    {
        _target = target;
        _byName = target.Ioctls.ToDictionary(i => i.Name);
    }

    public FuzzResources Resources { get; } = new();

    /// <summary>
    /// Whether the uAPI oracles run. They judge a call by the resources the calls before it produced; lanes running
    /// at once are observed in completion order, not in the order their effects happened, so concurrent runs check
    /// only what needs no order (errno set, kernel reports, pages back after teardown).
    /// </summary>
    public bool Oracles { get; init; } = true;

    public FuzzIoctl? Describe(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Checks one executed op and absorbs its effects; returns a finding title or null.</summary>
    public string? Observe(FuzzOp op, FuzzOpResult res, FuzzSession session)
    {
        if (op.Kind == FuzzOpKind.Close)
        {
            if (res.Ret == 0)
                Resources.Close(ResourceKind.Fd, op.Task, BitConverter.ToUInt32(res.In ?? op.Arg)); // the fd as patched
            return null;
        }
        if (op.Kind != FuzzOpKind.Ioctl || Describe(op.Name) is not { } desc)
            return null;
        // A mutated request number reaches another handler: judge the result by the one it reached.
        var reached = _target.Ioctls.FirstOrDefault(i => Ioc.Nr(i.Cmd) == Ioc.Nr(op.Cmd)) ?? desc;
        if (!(res.Ret > 0 && reached.PositiveOk) && FuzzErrnos.Check(res.Ret) is { } bad)
            return Title($"{desc.Name} returned {bad}");
        var exact = Ioc.Nr(op.Cmd) == Ioc.Nr(desc.Cmd);
        if (exact && Oracles && desc.Oracle?.Invoke(new FuzzCallView { Ioctl = desc, Op = op, Ret = res.Ret, Resources = Resources, In = KernelView(op.Cmd, desc.Cmd, res.In ?? op.Arg, desc.Arg.Size), MemIn = res.MemIn }) is { } violation)
            return Title(violation);
        if (res.Ret == 0 && exact && res.Out is { } outBytes)
            Absorb(op, desc, outBytes, session);
        return null;
    }

    public string Title(string what) => $"fuzz: {what} ({_target.Name})";

    private void Absorb(FuzzOp op, FuzzIoctl desc, byte[] outBytes, FuzzSession session)
    {
        var fields = desc.Arg.Fields;
        ulong In(string name) => desc.Arg.Field(name) is { } f ? FuzzValues.Read(outBytes, f.Offset, f.Size) : 0;
        switch (desc.Name)
        {
            case "GEM_CLOSE" or "MODE_DESTROY_DUMB":
                Resources.Close(ResourceKind.GemHandle, op.File, In("handle"));
                return;
            case "SYNCOBJ_DESTROY":
                Resources.Close(ResourceKind.Syncobj, op.File, In("handle"));
                return;
        }

        // Which object the call is about: its input handle/name/fd (for shares), else a new one.
        FuzzResource? source = desc.Name switch
        {
            "GEM_OPEN" => Resources.LiveAnyScope(ResourceKind.FlinkName, In("name")),
            "PRIME_FD_TO_HANDLE" => Resources.Live(ResourceKind.Fd, op.Task, In("fd")),
            _ => fields.FirstOrDefault(f => f is { Kind: FieldKind.Resource, Resource: ResourceKind.GemHandle }) is { } hf
                ? Resources.Live(ResourceKind.GemHandle, op.File, FuzzValues.Read(outBytes, hf.Offset, hf.Size))
                : null,
        };
        var objId = source?.ObjId ?? -1;
        var size = source?.Size ?? 0;
        if (source is null && fields.Any(f => f is { Kind: FieldKind.ResourceOut, Resource: ResourceKind.GemHandle }))
        {
            objId = Resources.NewObjId();
            size = ObjectSize(desc, outBytes);
        }
        if (desc.Name == "GEM_OPEN")
            size = In("size");

        var slot = 0;
        foreach (var f in fields.Where(f => f.Kind == FieldKind.ResourceOut))
        {
            var v = FuzzValues.Read(outBytes, f.Offset, f.Size);
            if (Useful(f.Resource, v))
            {
                // Only real results patch later ops: an unset out field (0, -1) must not become "fd 0".
                session.RecordProduced(op.Index, slot, v);
                var scope = f.Resource == ResourceKind.Fd ? op.Task : op.File;
                var isObject = f.Resource is ResourceKind.GemHandle or ResourceKind.FlinkName
                    || (f.Resource == ResourceKind.Fd && desc.Name == "PRIME_HANDLE_TO_FD");
                Resources.Add(new FuzzResource
                {
                    Kind = f.Resource, Value = v, Scope = scope, Op = op.Index, Slot = slot,
                    ObjId = isObject ? objId : -1, Size = isObject ? size : 0,
                });
            }
            slot++;
        }
    }

    /// <summary>fd 0-2 are the DRM files, 0 is no handle; -1 (as u32) is "no fence fd".</summary>
    private static bool Useful(ResourceKind kind, ulong v) => kind switch
    {
        ResourceKind.Fd => v >= FuzzSession.Files && v < 1 << 20,
        ResourceKind.GpuVa or ResourceKind.MmapOffset => v != 0,
        _ => v != 0 && v < 1 << 30,
    };

    private static ulong ObjectSize(FuzzIoctl desc, byte[] outBytes)
    {
        var f = desc.Arg.Field("size") ?? desc.Arg.Field("user_size");
        if (f is null)
            return 0;
        var size = FuzzValues.Read(outBytes, f.Offset, f.Size);
        var heap = desc.Name == "CREATE_BO" && (FuzzValues.Read(outBytes, 4, 4) & 2) != 0;
        var align = heap ? 2UL << 20 : 4096UL;
        return size == 0 || size > 1UL << 40 ? 0 : (size + align - 1) & ~(align - 1);
    }

    /// <summary>
    /// The argument as drm_ioctl hands it to the handler: the request's size copied in when it has IOC_IN (a mutated
    /// size or direction changes that), the rest of the kernel's struct zeroed.
    /// </summary>
    private static byte[] KernelView(uint cmd, uint described, byte[] passed, int kernelSize)
    {
        var k = new byte[kernelSize];
        if ((Ioc.Dir(cmd) & Ioc.Dir(described) & Ioc.Write) != 0)
            Array.Copy(passed, k, Math.Min(Math.Min((int)Ioc.Size(cmd), passed.Length), kernelSize));
        return k;
    }
}
