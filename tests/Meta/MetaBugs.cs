namespace Igt.Tests.Meta;

/// <summary>
/// Known bugs of a pretend driver "meta", for the runner's own `mutants` tests (found like the real drivers' bug
/// classes: a public static *Bugs class of const strings). Switched on with IGT_KNOWN_BUGS="meta.Caught".
/// </summary>
public static class MetaBugs
{
    public const string Driver = "meta";

    /// <summary>igt@runner_meta@known-bug fails with it on.</summary>
    public const string Caught = nameof(Caught);

    /// <summary>
    /// Only igt@runner_meta_known_bugs@proof fails with it on, and mutants leave such self-proving tests out: no test
    /// catches it.
    /// </summary>
    public const string Uncaught = nameof(Uncaught);
}
