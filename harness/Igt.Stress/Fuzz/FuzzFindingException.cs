namespace Igt.Stress.Fuzz;

/// <summary>A replayed fuzz program found something: the message is the finding's title.</summary>
public sealed class FuzzFindingException(string title) : Exception($"fuzz finding: {title}")
{
    public string Title { get; } = title;
}
