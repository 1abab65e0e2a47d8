using Igt.Kernel;

namespace Igt.Drivers.Etnaviv;

/// <summary>The known bugs switched on for one device, read once at bind (see <see cref="EtnavivKnownBugs"/>).</summary>
public sealed record EtnavivBugs(
    bool ExecuteUserCommandBuffer,
    bool UnloadWithOpenObjects,
    bool LockAcrossUserFaults,
    bool EagerPageAllocation,
    bool SkipRelocBounds)
{
    public static EtnavivBugs From(Machine m)
    {
        bool On(string bug) => m.BugEnabled(EtnavivKnownBugs.Driver, bug);
        return new EtnavivBugs(
            On(EtnavivKnownBugs.ExecuteUserCommandBuffer),
            On(EtnavivKnownBugs.UnloadWithOpenObjects),
            On(EtnavivKnownBugs.LockAcrossUserFaults),
            On(EtnavivKnownBugs.EagerPageAllocation),
            On(EtnavivKnownBugs.SkipRelocBounds));
    }
}
