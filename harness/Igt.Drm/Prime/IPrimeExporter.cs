using Igt.Drm.Gem;

namespace Igt.Drm.Prime;

/// <summary>A driver that exports its own dma-buf type (cache maintenance, deferred allocation) implements this.</summary>
public interface IPrimeExporter
{
    /// <summary>Creates the dma-buf; <paramref name="mode"/> is its file's access mode (O_RDWR with DRM_RDWR).</summary>
    int Export(GemObject obj, Igt.Kernel.Process.OpenFlags mode, out DmaBuf? buf);
}
