using Igt.Core;

namespace Igt.Os;

/// <summary>igt_fork / igt_waitchildren: children run the body; any child failure fails the parent.</summary>
public sealed class IgtFork
{
    private readonly List<IChild> _children = new();

    /// <summary>Forks <paramref name="count"/> children running <paramref name="body"/>(child syscalls, index).</summary>
    public static IgtFork Start(ISyscalls sys, int count, Action<ISyscalls, int> body)
    {
        IgtCore.Require(sys.IsEmulated, "fork (emulated machine)");
        var f = new IgtFork();
        for (var i = 0; i < count; i++)
        {
            var idx = i;
            f._children.Add(sys.Fork(c => body(c, idx)));
        }
        return f;
    }

    public IReadOnlyList<IChild> Children => _children;

    /// <summary>igt_waitchildren_timeout: throws <see cref="ChildFailedException"/> for the first failed child.</summary>
    public void WaitAll(int timeoutMs = 60_000)
    {
        ChildFailedException? first = null;
        foreach (var c in _children)
        {
            var code = c.Wait(timeoutMs);
            if (code != 0 && first is null)
                first = new ChildFailedException(c.Pid, code, c.Failure);
        }
        if (first is not null)
            throw first;
    }
}
