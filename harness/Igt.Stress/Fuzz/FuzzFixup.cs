namespace Igt.Stress.Fuzz;

/// <summary>
/// A value in an op's bytes that came from an earlier op's result: in a replay it is patched with what that op
/// produced this time (handles, fds and names shift when earlier ops are left out). Target -1 is the argument
/// struct, otherwise the index of a blob. Op -1 ("now") marks a deadline: the bytes hold a delta in ns that is
/// added to CLOCK_MONOTONIC when the op runs (width 16 = a struct timespec, delta in its tv_sec slot).
/// </summary>
public sealed record FuzzFixup(int Target, int Offset, int Width, int Op, int Slot)
{
    public const int Now = -1;

    public override string ToString() => $"{(Target < 0 ? "a" : $"m{Target}")}@{Offset}/{Width}={(Op == Now ? "now" : $"op{Op}.{Slot}")}";

    public static FuzzFixup Parse(string s)
    {
        var at = s.IndexOf('@');
        var slash = s.IndexOf('/');
        var eq = s.IndexOf('=');
        var dot = s.LastIndexOf('.');
        var target = s[..at] == "a" ? -1 : int.Parse(s[1..at]);
        if (s[(eq + 1)..] == "now")
            return new FuzzFixup(target, int.Parse(s[(at + 1)..slash]), int.Parse(s[(slash + 1)..eq]), Now, 0);
        return new FuzzFixup(target, int.Parse(s[(at + 1)..slash]), int.Parse(s[(slash + 1)..eq]),
            int.Parse(s[(eq + 3)..dot]), int.Parse(s[(dot + 1)..]));
    }
}
