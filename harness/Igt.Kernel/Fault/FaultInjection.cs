using System.Collections.Concurrent;

namespace Igt.Kernel.Fault;

/// <summary>
/// Per-machine fault-injection knobs (like the kernel's fail_page_alloc / fault_inject debugfs, and Npgsql's
/// mock server): fail the Nth call at a named site, delay a site, or make a site throw so containment can be
/// tested. Sites are plain strings; <see cref="FaultSites"/> lists the ones the core consults.
/// </summary>
public sealed class FaultInjection
{
    private readonly ConcurrentDictionary<string, int> _failCountdown = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<string, Func<bool>> _delayFilters = new();
    private readonly ConcurrentDictionary<string, int> _throwCountdown = new();
    private volatile bool _any;

    /// <summary>Makes the <paramref name="nth"/> next call at <paramref name="site"/> fail (1 = the next one).</summary>
    public void FailNth(string site, int nth = 1)
    {
        _failCountdown[site] = nth;
        _any = true;
    }

    /// <summary>Delays every call at <paramref name="site"/> (optionally only when <paramref name="when"/> holds).</summary>
    public void Delay(string site, TimeSpan delay, Func<bool>? when = null)
    {
        _delays[site] = delay;
        if (when is not null)
            _delayFilters[site] = when;
        else
            _delayFilters.TryRemove(site, out _);
        _any = true;
    }

    /// <summary>Makes the <paramref name="nth"/> next call at <paramref name="site"/> throw inside the kernel.</summary>
    public void ThrowNth(string site, int nth = 1)
    {
        _throwCountdown[site] = nth;
        _any = true;
    }

    public void Clear(string site)
    {
        _failCountdown.TryRemove(site, out _);
        _delays.TryRemove(site, out _);
        _delayFilters.TryRemove(site, out _);
        _throwCountdown.TryRemove(site, out _);
    }

    /// <summary>Called by the site: true when this call must fail.</summary>
    public bool ShouldFail(string site) => _any && Countdown(_failCountdown, site);

    /// <summary>Called by the site: sleeps if a delay is armed.</summary>
    public void MaybeDelay(string site)
    {
        if (!_any || !_delays.TryGetValue(site, out var d))
            return;
        if (_delayFilters.TryGetValue(site, out var when) && !when())
            return;
        Thread.Sleep(d);
    }

    /// <summary>Called by the site: throws <see cref="InjectedFaultException"/> if armed.</summary>
    public void MaybeThrow(string site)
    {
        if (_any && Countdown(_throwCountdown, site))
            throw new InjectedFaultException(site);
    }

    public TimeSpan DelayOf(string site) => _delays.TryGetValue(site, out var d) ? d : TimeSpan.Zero;

    private static bool Countdown(ConcurrentDictionary<string, int> map, string site)
    {
        while (map.TryGetValue(site, out var n))
        {
            if (n <= 0)
                return false;
            if (map.TryUpdate(site, n - 1, n))
                return n == 1;
        }
        return false;
    }
}
