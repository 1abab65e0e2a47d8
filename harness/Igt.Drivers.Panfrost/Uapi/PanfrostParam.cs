namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>enum drm_panfrost_param, in the header's order.</summary>
public enum PanfrostParam : uint
{
    GpuProdId = 0,
    GpuRevision = 1,
    ShaderPresent = 2,
    TilerPresent = 3,
    L2Present = 4,
    StackPresent = 5,
    AsPresent = 6,
    JsPresent = 7,
    L2Features = 8,
    CoreFeatures = 9,
    TilerFeatures = 10,
    MemFeatures = 11,
    MmuFeatures = 12,
    ThreadFeatures = 13,
    MaxThreads = 14,
    ThreadMaxWorkgroupSz = 15,
    ThreadMaxBarrierSz = 16,
    CoherencyFeatures = 17,
    TextureFeatures0 = 18,
    TextureFeatures3 = 21,
    JsFeatures0 = 22,
    JsFeatures15 = 37,
    NrCoreGroups = 38,
    ThreadTlsAlloc = 39,
    /// <summary>Driver 1.2+.</summary>
    AfbcFeatures = 40,
    /// <summary>Driver 1.3+.</summary>
    SystemTimestamp = 41,
    /// <summary>Driver 1.3+ (0 without an arch timer).</summary>
    SystemTimestampFrequency = 42,
}
