namespace Igt.Kernel.Fault;

/// <summary>The exception a fault-injection site throws; containment turns it into an oops.</summary>
public sealed class InjectedFaultException(string site) : Exception($"injected fault at {site}")
{
    public string Site { get; } = site;
}
