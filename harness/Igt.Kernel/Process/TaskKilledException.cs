namespace Igt.Kernel.Process;

/// <summary>Unwinds a task's userspace code when a fatal signal is delivered (the task dies).</summary>
public sealed class TaskKilledException(int pid) : Exception($"task {pid} killed by a fatal signal")
{
    public int Pid { get; } = pid;
}
