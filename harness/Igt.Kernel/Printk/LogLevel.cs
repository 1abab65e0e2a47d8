namespace Igt.Kernel.Printk;

/// <summary>printk levels (KERN_EMERG .. KERN_DEBUG).</summary>
public enum LogLevel
{
    Emerg = 0,
    Alert = 1,
    Crit = 2,
    Err = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}
