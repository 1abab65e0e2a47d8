namespace Igt.Stress.Fuzz;

/// <summary>
/// What an executed op returned, the argument struct as the kernel left it (null if unreadable), and the argument and
/// memory blobs as they were passed (fixups applied: the op's own bytes hold the values before patching).
/// </summary>
public sealed record FuzzOpResult(int Ret, byte[]? Out, byte[]? In = null, byte[][]? MemIn = null);
