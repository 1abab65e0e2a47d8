namespace Igt.Os.Remote;

/// <summary>One reply of the proxy: the call's return value (or -errno), an extra value, and data.</summary>
public sealed record ProxyReply(uint Session, uint Lane, ProxyOp Op, long Ret, long Aux, byte[] Payload);
