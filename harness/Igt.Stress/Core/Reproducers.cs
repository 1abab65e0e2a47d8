using Igt.Stress.Fuzz;

namespace Igt.Stress.Core;

/// <summary>The reproducer of each finding kind.</summary>
public static class Reproducers
{
    public static IReproducer For(string kind) => kind switch
    {
        "fuzz" => new FuzzReproducer(),
        _ => throw new ArgumentException($"no reproducer for finding kind '{kind}'"),
    };
}
