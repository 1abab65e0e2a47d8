using Igt.Kernel.Process;

namespace Igt.Kernel.Vfs;

/// <summary>A device node's open (chrdev file_operations.open).</summary>
public interface ICharDevice
{
    int Open(TaskStruct task, OpenFlags flags, out KFile? file);
}
