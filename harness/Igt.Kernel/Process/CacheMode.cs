namespace Igt.Kernel.Process;

/// <summary>CPU cache attribute of a mapping (pgprot).</summary>
public enum CacheMode
{
    WriteBack,
    WriteCombined,
    Uncached,
}
