namespace Igt.Stress.Fuzz;

/// <summary>
/// Kernel reports userspace can trigger on the real kernel too, which the emulation reproduces on purpose. The
/// fuzzer does not count them as findings (like syzbot's ignore list) but reports how often they fired.
/// </summary>
public static class FuzzKnownReports
{
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>
    {
        ["WARNING in etnaviv_gem_cpu_fini"] =
            "etnaviv_gem.c: WARN_ON(etnaviv_obj->last_cpu_prep_op == 0) on CPU_FINI of a cached BO without CPU_PREP",
        ["WARNING in __kvmalloc_node_noprof"] =
            "mm/util.c: kvmalloc of more than INT_MAX bytes warns unless __GFP_NOWARN; etnaviv GEM_SUBMIT sizes its "
            + "kvmalloc_array() copies from the user's counts",
        ["WARNING in panfrost_mmu_map_fault_addr"] =
            "panfrost_mmu.c: dev_WARN \"matching BO is not heap type\" when a job faults on the VA of a non-heap BO "
            + "that panfrost_gem_open has inserted into the address space but not mapped yet (its pages are still being "
            + "allocated), or that panfrost_gem_teardown_mapping has unmapped but not removed; a fuzzed job pointing at "
            + "guessed VAs hits either window",
    };

    public static bool IsKnown(string title) => Titles.ContainsKey(title);
}
