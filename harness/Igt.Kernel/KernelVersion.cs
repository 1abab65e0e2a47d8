namespace Igt.Kernel;

/// <summary>The kernel version a machine boots as; drivers behave as that version did where behaviour changed.</summary>
public readonly record struct KernelVersion(int Major, int Minor) : IComparable<KernelVersion>
{
    public static readonly KernelVersion Default = new(6, 12);

    public int CompareTo(KernelVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public bool AtLeast(int major, int minor) => CompareTo(new KernelVersion(major, minor)) >= 0;

    public static bool operator <(KernelVersion a, KernelVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(KernelVersion a, KernelVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(KernelVersion a, KernelVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(KernelVersion a, KernelVersion b) => a.CompareTo(b) >= 0;

    public static KernelVersion Parse(string s)
    {
        var parts = s.Split('.');
        return new KernelVersion(int.Parse(parts[0]), parts.Length > 1 ? int.Parse(parts[1]) : 0);
    }

    public override string ToString() => $"{Major}.{Minor}";
}
