namespace Igt.Stress.Fuzz;

/// <summary>uAPI rules of i915 the fuzzer checks beyond errno sets.</summary>
public static class I915Oracles
{
    /// <summary>i915_gem_userptr_ioctl(): offset_in_page(user_ptr | user_size) must give -EINVAL.</summary>
    public static string? UserptrAligned(FuzzCallView c)
    {
        if (c.Ret != 0)
            return null;
        return ((c.Field("user_ptr") | c.Field("user_size")) & 0xfff) != 0
            ? "I915_GEM_USERPTR accepted an unaligned range"
            : null;
    }
}
