namespace Igt.Os.Remote;

/// <summary>The proxy or its VM went away (or broke the protocol): the test cannot go on.</summary>
public sealed class ProxyException(string message) : Exception(message);
