using Igt.Runner.Results;

namespace Igt.Runner.Execution;

/// <summary>What the executor tells the console while it runs.</summary>
public interface IRunObserver
{
    void TestStarted(Job job);

    void TestFinished(Job job, TestStatus status, double seconds);

    /// <summary>Something the person running should see (a killed test, a dead host, an abort).</summary>
    void Note(string message);

    /// <summary>Called on every executor tick, to redraw a live progress line.</summary>
    void Tick();
}
