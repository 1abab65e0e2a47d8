// Bug classes for KnownBugDiscoveryTests: the discovery reads them from this assembly's metadata.
namespace Igt.Runner.Tests.Mutants.Fakes;

/// <summary>Shaped like the lead's harness/Igt.Drm/Prime/DmaBufBugs.cs: qualified values, no Driver const.</summary>
public static class FakeDmaBufBugs
{
    public const string ImportedMmapBypassesExporter = "dmabuf.ImportedMmapBypassesExporter";
    public const string SyncIoctlNoop = "dmabuf.SyncIoctlNoop";
    public const string Prose = "not a bug name: it has spaces";
    public static readonly string NotConst = "dmabuf.NotConst";
}

/// <summary>Shaped like I915KnownBugs: a Driver const and bare names.</summary>
public static class WidgetKnownBugs
{
    public const string Driver = "widget";
    public const string LeakOnClose = nameof(LeakOnClose);
    public const int NotAString = 3;
}

/// <summary>No Driver const and bare names: the driver comes from the class name.</summary>
public static class GizmoBugs
{
    public const string Hang = nameof(Hang);
}

/// <summary>A test class named like a bug list (PanfrostKnownBugs is one): not static, so not a bug list.</summary>
public sealed class SprocketKnownBugs
{
    public const string NotABug = "sprocket.NotABug";
}

internal static class HiddenBugs
{
    public const string Internal = "hidden.Internal";
}
