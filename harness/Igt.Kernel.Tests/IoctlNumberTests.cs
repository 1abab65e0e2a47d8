using Igt.Drm.Prime;
using Igt.Drm.Uapi;

namespace Igt.Kernel.Tests;

/// <summary>The request numbers computed from the struct layouts match the real headers (uapi-facts.md §1.2, §5).</summary>
public sealed class IoctlNumberTests
{
    [Theory]
    [InlineData("Version", 0xC0406400u)]
    [InlineData("GemClose", 0x40086409u)]
    [InlineData("GemFlink", 0xC008640Au)]
    [InlineData("GemOpen", 0xC010640Bu)]
    [InlineData("GetCap", 0xC010640Cu)]
    [InlineData("SetClientCap", 0x4010640Du)]
    [InlineData("PrimeHandleToFd", 0xC00C642Du)]
    [InlineData("PrimeFdToHandle", 0xC00C642Eu)]
    [InlineData("SyncobjCreate", 0xC00864BFu)]
    [InlineData("SyncobjDestroy", 0xC00864C0u)]
    [InlineData("SyncobjHandleToFd", 0xC01064C1u)]
    [InlineData("SyncobjFdToHandle", 0xC01064C2u)]
    [InlineData("SyncobjWait", 0xC02864C3u)]
    [InlineData("SyncobjReset", 0xC01064C4u)]
    [InlineData("SyncobjSignal", 0xC01064C5u)]
    public void CoreRequestNumbers(string name, uint expected)
    {
        var field = typeof(DrmIoctls).GetField(name)!;
        ((uint)field.GetValue(null)!).Should().Be(expected, name);
    }

    [Fact]
    public void DmaBufSyncNumber() => DmaBufSync.IoctlSync.Should().Be(0x40086200u);
}
