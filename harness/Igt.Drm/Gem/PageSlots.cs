namespace Igt.Drm.Gem;

/// <summary>
/// One slot per page of a GEM object (its page, its swap entry), stored in chunks allocated on first store. The uAPI
/// lets userspace create objects of terabytes (shmem and userptr objects are populated lazily), so the table must
/// cost nothing for pages never used.
/// </summary>
internal sealed class PageSlots<T>
    where T : struct, IEquatable<T>
{
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private readonly T[]?[] _chunks;
    private readonly T _empty;

    public PageSlots(int length, T empty)
    {
        Length = length;
        _empty = empty;
        _chunks = new T[]?[(int)(((long)length + ChunkSize - 1) >> ChunkShift)];
    }

    public int Length { get; }

    public T this[int index]
    {
        get => _chunks[index >> ChunkShift] is { } c ? c[index & (ChunkSize - 1)] : _empty;
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));
            var c = _chunks[index >> ChunkShift];
            if (c is null)
            {
                if (value.Equals(_empty))
                    return;
                c = _chunks[index >> ChunkShift] = new T[ChunkSize];
                Array.Fill(c, _empty);
            }
            c[index & (ChunkSize - 1)] = value;
        }
    }

    /// <summary>Indices holding something other than the empty value, in order.</summary>
    public IEnumerable<int> Populated()
    {
        for (var k = 0; k < _chunks.Length; k++)
        {
            if (_chunks[k] is not { } c)
                continue;
            for (var i = 0; i < ChunkSize; i++)
            {
                if (!c[i].Equals(_empty))
                    yield return (k << ChunkShift) + i;
            }
        }
    }

    public int CountPopulated() => Populated().Count();

    public T[] ToArray()
    {
        var all = new T[Length];
        Array.Fill(all, _empty);
        foreach (var i in Populated())
            all[i] = this[i];
        return all;
    }
}
