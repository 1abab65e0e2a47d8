using Igt.Kernel.Process;

namespace Igt.Kernel.Mm;

/// <summary>Reclaim of anonymous task memory to swap, presented to the allocator as one more shrinker.</summary>
internal sealed class AnonShrinker : Shrinker
{
    private readonly Machine _machine;

    public AnonShrinker(Machine machine) : base("anon-lru") => _machine = machine;

    public override long CountObjects(ShrinkControl sc)
    {
        if (_machine.Swap.UsedPages >= _machine.Swap.TotalPages)
            return 0;
        return _machine.Pages.PagesOwnedBy(PageOwner.Anon);
    }

    public override long ScanObjects(ShrinkControl sc)
    {
        long freed = 0, scanned = 0;
        var mms = _machine.LiveMms();
        _machine.Random.Shuffle(mms);
        // Two rounds: the first clears accessed bits (second chance), the second swaps.
        for (var round = 0; round < 2 && freed < sc.NrToScan; round++)
        {
            foreach (var mm in mms)
            {
                if (freed >= sc.NrToScan)
                    break;
                freed += mm.SwapOut(sc.NrToScan - freed, ref scanned);
            }
        }
        sc.NrScanned = scanned;
        return freed == 0 ? ShrinkStop : freed;
    }
}
