using Igt.Drivers.I915.Gt;

namespace Igt.Drivers.I915;

/// <summary>drm_i915_file_private: the open file's default context (with its own ppGTT).</summary>
public sealed class I915FilePrivate(I915GemContext context)
{
    public I915GemContext Context { get; } = context;

    public I915Ppgtt Vm => Context.Vm;
}
