namespace Igt.Kernel.Process;

/// <summary>poll(2) event bits.</summary>
[Flags]
public enum PollEvents
{
    None = 0,
    In = 0x1,
    Pri = 0x2,
    Out = 0x4,
    Err = 0x8,
    Hup = 0x10,
}
