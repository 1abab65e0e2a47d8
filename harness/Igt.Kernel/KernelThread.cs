using Igt.Kernel.Printk;

namespace Igt.Kernel;

/// <summary>A kthread: a named background thread that is cancelled and joined when the machine shuts down.</summary>
public sealed class KernelThread
{
    private readonly Machine _machine;
    private readonly Action<CancellationToken> _body;
    private readonly CancellationTokenSource _cts = new();
    private readonly Thread _thread;

    internal KernelThread(Machine machine, string name, Action<CancellationToken> body)
    {
        _machine = machine;
        Name = name;
        _body = body;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    public string Name { get; }

    public bool Stopping => _cts.IsCancellationRequested;

    internal void Start() => _thread.Start();

    public void Stop()
    {
        _cts.Cancel();
        if (Thread.CurrentThread != _thread && !_thread.Join(5000))
            _machine.Dmesg.Printk(LogLevel.Err, $"INFO: task {Name} blocked for more than 5 seconds.");
    }

    private void Run()
    {
        try
        {
            _body(_cts.Token);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _machine.Report.OopsFromException(e, Name, 0, Name);
        }
    }
}
