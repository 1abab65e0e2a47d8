namespace Igt.Kernel.Process;

/// <summary>Owner record of an anonymous page: how many PTEs map it (page_mapcount), for COW and freeing.</summary>
internal sealed class AnonPage
{
    public int MapCount = 1;
}
