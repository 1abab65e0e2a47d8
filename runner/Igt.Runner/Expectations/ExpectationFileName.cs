using System.Text.RegularExpressions;

namespace Igt.Runner.Expectations;

/// <summary>drm-ci's file naming: <c>&lt;driver&gt;-&lt;gpu&gt;-{fails,flakes,skips}.txt</c> (the gpu part may hold '-').</summary>
public sealed partial record ExpectationFileName(string Driver, string Gpu, ExpectationKind Kind)
{
    public string FileName => $"{Driver}-{Gpu}-{Kind.ToString().ToLowerInvariant()}.txt";

    public static ExpectationFileName? TryParse(string fileName)
    {
        var m = NameRegex().Match(fileName);
        return m.Success
            ? new ExpectationFileName(m.Groups[1].Value, m.Groups[2].Value, Enum.Parse<ExpectationKind>(m.Groups[3].Value, ignoreCase: true))
            : null;
    }

    [GeneratedRegex(@"^([a-z0-9]+)-(.+)-(fails|flakes|skips)\.txt$")]
    private static partial Regex NameRegex();
}
