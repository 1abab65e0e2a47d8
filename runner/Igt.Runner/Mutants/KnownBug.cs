namespace Igt.Runner.Mutants;

/// <summary>
/// A known bug an emulated driver can re-create, as IGT_KNOWN_BUGS and MachineConfig.KnownBugs name it:
/// "driver.Bug". <see cref="Source"/> says where it was found (assembly and class).
/// </summary>
public sealed record KnownBug(string Driver, string Name, string Source)
{
    public string Qualified => $"{Driver}.{Name}";

    public override string ToString() => Qualified;
}
