namespace Igt.Runner.Execution;

/// <summary>
/// The jobs still to start, pulled lazily from the plan (a --duration run's plan never ends), with jobs a dead host
/// handed back kept in front in their order. Batches are consecutive jobs of one iteration and one assembly, so one
/// test host runs them, as igt_runner's multiple-mode runs several subtests in one exec.
/// </summary>
public sealed class JobQueue(IEnumerable<Job> plan, int lookahead)
{
    private readonly IEnumerator<Job> _plan = plan.GetEnumerator();
    private readonly List<Job> _pending = [];
    private bool _exhausted;

    public bool IsEmpty
    {
        get
        {
            Fill();
            return _pending.Count == 0;
        }
    }

    /// <summary>The next job, without taking it.</summary>
    public Job? Peek()
    {
        Fill();
        return _pending.Count > 0 ? _pending[0] : null;
    }

    /// <summary>Jobs already pulled from the plan (a lower bound of what is left when the plan is open-ended).</summary>
    public int PendingCount
    {
        get
        {
            Fill();
            return _pending.Count;
        }
    }

    public bool PlanExhausted => _exhausted;

    /// <summary>
    /// Takes up to <paramref name="max"/> consecutive jobs of the first job's iteration and assembly; with several
    /// workers, a long run of such jobs is split so every worker gets a share.
    /// </summary>
    public List<Job> TakeBatch(int max, int workers)
    {
        Fill();
        if (_pending.Count == 0)
            return [];
        var first = _pending[0];
        var run = _pending.TakeWhile(j => j.Iteration == first.Iteration && j.Source == first.Source).Count();
        var size = Math.Clamp((run + workers - 1) / workers, 1, max);
        var batch = _pending.Take(Math.Min(size, run)).ToList();
        _pending.RemoveRange(0, batch.Count);
        return batch;
    }

    /// <summary>Takes exactly one job (the sanity test runs alone).</summary>
    public List<Job> TakeOne()
    {
        Fill();
        if (_pending.Count == 0)
            return [];
        var job = _pending[0];
        _pending.RemoveAt(0);
        return [job];
    }

    /// <summary>Puts jobs back in front, in the given order.</summary>
    public void Requeue(IEnumerable<Job> jobs) => _pending.InsertRange(0, jobs);

    private void Fill()
    {
        while (!_exhausted && _pending.Count < lookahead)
        {
            if (_plan.MoveNext())
                _pending.Add(_plan.Current);
            else
                _exhausted = true;
        }
    }
}
