namespace Igt.Kernel.Signals;

/// <summary>Linux signal numbers (x86-64 / arm64).</summary>
public static class Signal
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGBUS = 7;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGSEGV = 11;
    public const int SIGUSR2 = 12;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
    public const int SIGRTMIN = 34;

    /// <summary>Signals whose default action is to ignore (so an interrupted syscall is restarted transparently).</summary>
    public static bool DefaultIgnores(int sig) => sig is SIGCHLD or SIGCONT or 23 /* SIGURG */ or 28 /* SIGWINCH */;
}
