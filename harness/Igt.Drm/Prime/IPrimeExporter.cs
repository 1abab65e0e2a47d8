using Igt.Drm.Gem;

namespace Igt.Drm.Prime;

/// <summary>A driver that exports its own dma-buf type (cache maintenance, deferred allocation) implements this.</summary>
public interface IPrimeExporter
{
    int Export(GemObject obj, out DmaBuf? buf);
}
