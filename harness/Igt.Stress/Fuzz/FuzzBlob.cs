namespace Igt.Stress.Fuzz;

/// <summary>User memory an op writes before its call (arrays, buffers the argument points at).</summary>
public sealed record FuzzBlob(ulong Addr, byte[] Bytes);
