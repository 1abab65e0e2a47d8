using Igt.Core;
using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Signals;
using Igt.Os;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_thrash: Daniel Vetter's recipe from the panfrost_gem_mapping thread. Several processes (one GPU
/// address space each) submit dword-write job chains and hand each BO back to a userspace BO cache right after
/// submitting, marked DONTNEED, as mesa does; the cache reuses idle BOs (WILLNEED first) and sometimes drops a BO
/// with its job still in flight. Meanwhile the parent thrashes memory so the shrinker runs, and a signal helper
/// interrupts every blocking ioctl. Every BO that was not purged must hold exactly the values written to it, the
/// GPU fault log must stay empty and dmesg clean. The workload is seeded; IGT_STRESS_ITERATIONS sets its length.
/// </summary>
public sealed class PanfrostThrash(ITestOutputHelper output) : PanfrostTest(output)
{
    private const ulong BoSize = 16384;
    private const int DataStart = 4096;
    private const int DataDwords = (int)(BoSize - DataStart) / 4;
    private const int CacheSize = 6;

    [Subtest("thrash-interruptible")]
    public void ThrashInterruptible()
    {
        Boot(cfg => cfg.RamBytes = 32L << 20);
        var seed = WorkloadSeed();
        var children = IgtEnv.StressObjects(ci: 4, nightly: 8);
        var iterations = IgtEnv.StressIterations(ci: 48, nightly: 2000);
        var factor = IgtEnv.ThrashFactor(ci: 1.25, nightly: 2.0);
        Log($"thrash: seed {seed}, {children} processes x {iterations} submissions, thrash {factor} x RAM");

        Sys.CatchSignal(Signal.SIGCONT, restart: true);
        var fork = IgtFork.Start(Sys, children, (c, idx) => new Client(c, seed + idx * 7919).Run(iterations));
        var rounds = 0;
        using (var helper = SignalHelper.Start(Sys, (ulong)seed, 2000, fork.Children.Select(c => c.Pid).ToArray()))
        {
            var ram = Thrash.TotalRam(Sys);
            while (fork.Children.Any(c => c.Wait(0) == -Errno.ETIMEDOUT))
            {
                // Touch more anonymous memory than there is RAM (kswapd and direct reclaim run every shrinker),
                // then drop caches a few times while the clients' jobs are in flight.
                Thrash.Anon(Sys, (long)(ram * factor));
                for (var i = 0; i < 4; i++)
                {
                    Thrash.PurgeVmCaches(Sys);
                    Thread.Sleep(1);
                }
                rounds++;
            }
            Log($"thrash: {rounds} thrash rounds, {helper.Sent} signals sent");
        }
        fork.WaitAll();

        GpuFaults().Should().BeEmpty("no job ever touched a purged or unmapped BO");
        rounds.Should().BePositive("memory was thrashed while the jobs ran");
        Thrash.PagesReclaimed(Sys).Should().BePositive("reclaim ran");
    }

    /// <summary>One process: its own fd (address space), BO cache and seeded stream of submissions.</summary>
    private sealed class Client(ISyscalls sys, int seed)
    {
        private readonly Random _rng = new(seed);
        private readonly List<CachedBo> _cache = new();
        private int _fd;
        private UserBuffer? _handles;
        private int _purged;
        private int _verified;
        private int _closedBusy;

        public void Run(int iterations)
        {
            _fd = OpenRender(sys);
            _handles = UserBuffer.Alloc(sys, 4096);
            for (var it = 0; it < iterations; it++)
            {
                var bo = Fetch() ?? NewBo();
                SubmitChain(bo);
                // The BO cache takes the BO back at once, marked purgeable: the kernel must not reclaim it while busy.
                Madvise(sys, _fd, bo.Bo.Handle, PanfrostIoctls.MadvDontneed);
                _cache.Add(bo);
                if (_cache.Count > CacheSize)
                    Evict(_cache[0]);
            }
            foreach (var bo in _cache.ToList())
            {
                WaitSyncobj(sys, _fd, bo.Syncobj, AbsTimeout(5_000_000_000)).Should().BeTrue("every job completes");
                if (bo.Open && Madvise(sys, _fd, bo.Bo.Handle, PanfrostIoctls.MadvWillneed))
                    Verify(bo);
                else if (bo.Open)
                    AssertPurged(bo);
                Release(bo);
            }
            IgtCore.Info($"client {sys.Pid}: {_verified} BOs verified, {_purged} purged, {_closedBusy} closed busy");
        }

        /// <summary>panfrost_bo_cache_fetch(): the oldest idle BO that is still retained.</summary>
        private CachedBo? Fetch()
        {
            foreach (var bo in _cache.Where(b => b.Open).ToList())
            {
                if (TryWaitBo(sys, _fd, bo.Bo.Handle, 0) < 0)
                    continue; // busy
                _cache.Remove(bo);
                if (Madvise(sys, _fd, bo.Bo.Handle, PanfrostIoctls.MadvWillneed))
                {
                    Verify(bo);
                    return bo;
                }
                AssertPurged(bo);
                Release(bo);
            }
            return null;
        }

        private CachedBo NewBo()
        {
            var bo = GemNewMapped(sys, _fd, BoSize);
            return new CachedBo(bo, Syncobj.Create(sys, _fd, Drm.Uapi.DrmIoctls.SyncobjCreateSignaled));
        }

        /// <summary>A chain of NULL jobs (to keep the BO busy a while) then dword writes at seeded offsets.</summary>
        private void SubmitChain(CachedBo bo)
        {
            var chain = new PanfrostJobChain(bo.Bo);
            var nulls = _rng.Next(8, 32); // with the writes at most 63 descriptors: they fit the first page
            for (var i = 0; i < nulls; i++)
                chain.Null();
            var writes = _rng.Next(4, 32);
            for (var i = 0; i < writes; i++)
            {
                var dword = _rng.Next(DataDwords);
                var value = (uint)_rng.Next() | 1u;
                chain.WriteValue(bo.Bo.Offset + DataStart + (ulong)dword * 4, PanfrostJobDesc.WriteImm32, value);
                bo.Expected[dword] = value;
            }
            chain.Commit(sys);
            bo.Jobs = chain.Count;
            _handles!.Write(0, bo.Bo.Handle);
            var args = new DrmPanfrostSubmit
            {
                Jc = chain.Head,
                BoHandles = _handles.Addr,
                BoHandleCount = 1,
                OutSync = bo.Syncobj,
                Requirements = _rng.Next(2) == 0 ? PanfrostIoctls.JdReqFs : 0,
            };
            Submit(sys, _fd, ref args);
        }

        /// <summary>Drops the oldest BO: idle ones are checked and closed; a busy one may be closed mid-flight.</summary>
        private void Evict(CachedBo bo)
        {
            _cache.Remove(bo);
            if (_rng.Next(3) == 0)
            {
                // The handle goes away with the job in flight; the job must still land its values.
                Gem.Close(sys, _fd, bo.Bo.Handle);
                bo.Open = false;
                _closedBusy++;
                WaitSyncobj(sys, _fd, bo.Syncobj, AbsTimeout(5_000_000_000)).Should().BeTrue("the job of a closed BO completes");
                VerifyClosed(bo);
                Release(bo);
                return;
            }
            WaitBo(sys, _fd, bo.Bo.Handle, AbsTimeout(5_000_000_000));
            if (Madvise(sys, _fd, bo.Bo.Handle, PanfrostIoctls.MadvWillneed))
                Verify(bo);
            else
                AssertPurged(bo);
            Release(bo);
        }

        /// <summary>Exactly the values written, zero elsewhere, and every job header DONE.</summary>
        private void Verify(CachedBo bo)
        {
            var data = bo.Bo.Read(sys, DataStart, DataDwords * 4);
            Compare(bo, data);
            for (var i = 0; i < bo.Jobs; i++)
            {
                var status = bo.Bo.ReadU32(sys, (ulong)(i * PanfrostJobDesc.Stride));
                IgtCore.AssertEq(status, PanfrostJobDesc.StatusDone, $"client {sys.Pid}: job {i} of BO 0x{bo.Bo.Offset:x} is DONE");
            }
            _verified++;
        }

        /// <summary>A BO whose handle is gone: its CPU map shows the values, unless reclaim purged it since (SIGBUS).</summary>
        private void VerifyClosed(CachedBo bo)
        {
            var data = new byte[DataDwords * 4];
            if (bo.Bo.TryRead(sys, DataStart, data) == FaultResult.Bus)
            {
                _purged++;
                return;
            }
            Compare(bo, data);
            _verified++;
        }

        private void Compare(CachedBo bo, byte[] data)
        {
            for (var d = 0; d < DataDwords; d++)
            {
                var got = BitConverter.ToUInt32(data, d * 4);
                var want = bo.Expected.TryGetValue(d, out var v) ? v : 0u;
                if (got != want)
                    throw new IgtAssertionException(
                        $"client {sys.Pid}: BO at VA 0x{bo.Bo.Offset:x} dword {d}: expected 0x{want:x8}, found 0x{got:x8} (wrong value)");
            }
        }

        private void AssertPurged(CachedBo bo)
        {
            bo.Bo.TryRead(sys, DataStart, new byte[4]).Should().Be(FaultResult.Bus, "a purged BO's CPU map raises SIGBUS");
            _purged++;
        }

        private void Release(CachedBo bo)
        {
            if (bo.Open)
                Gem.Close(sys, _fd, bo.Bo.Handle);
            bo.Open = false;
            Unmap(sys, bo.Bo);
            Syncobj.Destroy(sys, _fd, bo.Syncobj);
        }
    }

    private sealed class CachedBo(PanfrostBo bo, uint syncobj)
    {
        public PanfrostBo Bo { get; } = bo;

        public uint Syncobj { get; } = syncobj;

        /// <summary>dword index → the value the GPU wrote last.</summary>
        public Dictionary<int, uint> Expected { get; } = new();

        public int Jobs { get; set; }

        public bool Open { get; set; } = true;
    }
}
