namespace Igt.Stress.Fuzz;

/// <summary>What an op does: an ioctl, or one of the few other syscalls that change what ioctls see.</summary>
public enum FuzzOpKind
{
    Ioctl,

    /// <summary>close(fd) of an fd a call produced (so later calls get stale fds).</summary>
    Close,

    /// <summary>munmap + mmap again of a data range (userptr pages go away under the driver).</summary>
    Remap,
}
