using System.Text.RegularExpressions;

namespace Igt.Runner.Dmesg;

/// <summary>
/// Kernel messages at warning level that say nothing about the driver under test, so they never make a test
/// dmesg-warn. The entries are the kinds of message IGT's runner allows (ACPI lid and dock quirks, IRQ affinity
/// moves, module options that taint on purpose, console suspend, keyboard controller noise, swiotlb exhaustion
/// in mock devices, USB hubs losing power); <c>--dmesg-allow FILE</c> adds more.
/// </summary>
public static class DmesgAllowList
{
    public static readonly string[] Default =
    [
        @"ACPI: button: The lid device is not compliant to SW_LID",
        @"ACPI: .*: Unable to dock!",
        @"IRQ [0-9]+: no longer affine to CPU[0-9]+",
        @"IRQ fixup: irq [0-9]+ move in progress, old vector [0-9]+",
        @"Setting dangerous option [A-Za-z0-9_]+ - tainting kernel",
        @"Suspending console\(s\) \(use no_console_suspend to debug\)",
        @"atkbd serio[0-9]+: Failed to (deactivate|enable) keyboard on",
        @"cache: parent cpu[0-9]+ should not be sleeping",
        @"hpet[0-9]+: lost [0-9]+ rtc interrupts",
        @"i915: probe of [0-9a-fA-F:.]+ failed with error -25",
        @"mock: DMA: Out of SW-IOMMU space for [0-9]+ bytes",
        @"usb usb[0-9]+: root hub lost power or was reset",
    ];

    /// <summary>piglit's filter (--piglit-style-dmesg): only DRM messages count.</summary>
    public const string PiglitDrm = @"(\[drm:|drm_|intel_|i915_|\[drm\])";

    public static Regex Compile(IEnumerable<string> patterns) =>
        new(string.Join('|', patterns.Select(p => "(?:" + p + ")")), RegexOptions.CultureInvariant);
}
