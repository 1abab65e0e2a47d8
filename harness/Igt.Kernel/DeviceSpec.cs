namespace Igt.Kernel;

/// <summary>A device to create at boot. The DRM core and drivers derive from it; Probe builds the device.</summary>
public abstract class DeviceSpec
{
    /// <summary>Driver name, as the real module is called ("panfrost", "etnaviv", "i915", "vgem").</summary>
    public abstract string Driver { get; }

    /// <summary>Creates and registers the device on <paramref name="machine"/>; returns it.</summary>
    public abstract object Probe(Machine machine);
}
