namespace Igt.Stress.Fuzz;

/// <summary>What an executed op returned, and the argument struct as the kernel left it (null if unreadable).</summary>
public sealed record FuzzOpResult(int Ret, byte[]? Out);
