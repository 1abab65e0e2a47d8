using Igt.Kernel.Process;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// Only with the ExecuteUserCommandBuffer bug: the user's stream pages pinned and mapped for the GPU, which then
/// fetches the commands from the user's memory at execution time. Relocations and the return LINK are written into
/// that memory, as the 2015 driver patched the user's command BO in place.
/// </summary>
internal sealed class UserStreamMapping
{
    private readonly EtnavivGemUserptr _obj;
    private readonly EtnavivVramMapping _mapping;
    private readonly ulong _offset;

    private UserStreamMapping(EtnavivGemUserptr obj, EtnavivVramMapping mapping, ulong offset, uint size)
    {
        _obj = obj;
        _mapping = mapping;
        _offset = offset;
        Size = size;
    }

    public uint Va => _mapping.Iova + (uint)_offset;

    /// <summary>Stream size rounded up to 64 bits.</summary>
    public uint Size { get; }

    public static int Create(EtnavivDrmPrivate priv, TaskStruct task, EtnavivIommuContext ctx, ulong stream, uint streamSize,
        out UserStreamMapping? mapping)
    {
        mapping = null;
        var size = (streamSize + 7) & ~7u;
        var start = stream & ~0xfffUL;
        var end = (stream + size + 8 + 0xfff) & ~0xfffUL;
        var obj = new EtnavivGemUserptr(priv, task.Mm, start, end - start, readOnly: false);
        var err = obj.MappingGet(ctx, 0, out var m);
        if (err != 0)
        {
            obj.Put();
            return err;
        }
        mapping = new UserStreamMapping(obj, m!, stream - start, size);
        return 0;
    }

    /// <summary>Patches dword <paramref name="index"/> of the user's stream.</summary>
    public void WriteDword(int index, uint value) =>
        _obj.WriteKernel(_offset + (ulong)index * 4, BitConverter.GetBytes(value), "submit_reloc");

    public void WriteReturnLink(uint prefetch, uint target)
    {
        WriteDword((int)(Size / 4) + 1, target);
        WriteDword((int)(Size / 4), Hw.EtnavivCmdstream.Link(prefetch));
    }

    public void Release()
    {
        _obj.MappingPut(_mapping);
        _obj.Put();
    }
}
