namespace Igt.Drivers.Etnaviv;

/// <summary>enum etnaviv_gpu_state.</summary>
public enum EtnavivGpuState
{
    Identified,
    Idle,
    Running,
    Fault,
    /// <summary>Unbound or shut down: no more work is accepted.</summary>
    Stopped,
}
