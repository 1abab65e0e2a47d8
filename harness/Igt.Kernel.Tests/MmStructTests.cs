using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Kernel.Tests;

public sealed class MmStructTests() : KernelFixture(ramBytes: 4L << 20, swapBytes: 16L << 20)
{
    [Fact]
    public void AnonymousMemoryIsZeroFilledAndUnmapFaults()
    {
        var a = MapAnon(8192);
        Peek(Task, a + 4096).Should().Be(0);
        Poke(a, 0xfeed);
        Peek(Task, a).Should().Be(0xfeed);
        Task.Munmap(a, 8192).Should().Be(0);
        Task.ReadMemory(a, new byte[4]).Should().Be(FaultResult.SegvMapErr);
    }

    [Fact]
    public void WriteToReadOnlyMappingIsAccessError()
    {
        var a = (ulong)Task.Mmap(0, 4096, Prot.Read, MapFlags.Private | MapFlags.Anonymous);
        Task.WriteMemory(a, new byte[4]).Should().Be(FaultResult.SegvAccErr);
    }

    [Fact]
    public void MremapMovesContents()
    {
        var a = MapAnon(4096);
        Poke(a, 77);
        // Something right above, so growing must move.
        Task.Mmap(a + 4096, 4096, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous | MapFlags.Fixed).Should().Be((long)(a + 4096));
        var b = Task.Mremap(a, 4096, 3 * 4096, MremapFlags.MayMove);
        b.Should().BeGreaterThan(0);
        Peek(Task, (ulong)b).Should().Be(77);
        Task.ReadMemory(a, new byte[4]).Should().NotBe(FaultResult.Ok, "the old range is gone when it moved");
    }

    [Fact]
    public void MadviseDontneedZaps()
    {
        var a = MapAnon(4096);
        Poke(a, 5);
        Task.Madvise(a, 4096, Madvise.DontNeed).Should().Be(0);
        Peek(Task, a).Should().Be(0);
    }

    [Fact]
    public void ForkIsCopyOnWrite()
    {
        var priv = MapAnon(4096);
        var shared = MapAnon(4096, MapFlags.Shared);
        Poke(priv, 1);
        Poke(shared, 1);
        var child = Task.Fork(c =>
        {
            Peek(c, priv).Should().Be(1);
            c.WriteMemory(priv, BitConverter.GetBytes(2u));
            c.WriteMemory(shared, BitConverter.GetBytes(3u));
        });
        Task.WaitPid(child).Should().Be(0);
        child.Failure.Should().BeNull();
        Peek(Task, priv).Should().Be(1, "the child's write broke COW");
        Peek(Task, shared).Should().Be(3, "shared anonymous memory is shared");
        Machine.Pages.VmStat["cow_faults"].Should().BeGreaterThan(0);
    }

    [Fact]
    public void NotifierSeesEveryInvalidation()
    {
        var a = MapAnon(4 * 4096);
        for (var i = 0UL; i < 4; i++)
            Poke(a + i * 4096, (uint)i);
        var n = new RecordingNotifier();
        n.Insert(Task.Mm, a, 4 * 4096);

        Task.Madvise(a, 4096, Madvise.DontNeed);
        var child = Task.Fork(_ => { });
        Task.WaitPid(child);
        Poke(a + 4096, 9); // COW break after fork
        Task.Mremap(a + 2 * 4096, 4096, 4096, MremapFlags.MayMove | MremapFlags.Fixed, a + 64 * 4096);
        Task.Munmap(a + 3 * 4096, 4096);

        n.Events.Should().ContainInOrder(MmuNotifierEvent.Clear, MmuNotifierEvent.ProtectionPage, MmuNotifierEvent.Clear,
            MmuNotifierEvent.Unmap, MmuNotifierEvent.Unmap);
        n.Remove();
        Task.Munmap(a, 4096);
        n.Events.Should().HaveCount(5, "a removed notifier sees nothing");
    }

    [Fact]
    public void SwapOutAndBackKeepsContentsAndNotifies()
    {
        var len = 6UL << 20; // more than the 4 MiB of RAM
        var a = MapAnon(len);
        var n = new RecordingNotifier();
        n.Insert(Task.Mm, a, 4096);
        for (ulong off = 0; off < len; off += 4096)
            Poke(a + off, (uint)(off >> 12) ^ 0xabcd);
        for (ulong off = 0; off < len; off += 4096)
            Peek(Task, a + off).Should().Be((uint)(off >> 12) ^ 0xabcd);
        Machine.Pages.VmStat["pswpout"].Should().BeGreaterThan(0);
        Machine.Pages.VmStat["pswpin"].Should().BeGreaterThan(0);
        n.Events.Should().Contain(MmuNotifierEvent.Clear, "swap-out of the first page invalidates it");
    }

    [Fact]
    public void GetUserPagesPinsAndRefusesDeviceMemory()
    {
        var a = MapAnon(2 * 4096);
        var pages = new PageRef[2];
        Task.Mm.GetUserPages(a, 2, write: true, pages).Should().Be(2);
        Machine.Pages.IsPinned(pages[0]).Should().BeTrue();
        Task.Munmap(a, 2 * 4096);
        Machine.Pages.IsCurrent(pages[0]).Should().BeTrue("pinned pages outlive the unmap");
        Machine.Pages.Unpin(pages[0]);
        Machine.Pages.Unpin(pages[1]);
        Machine.Pages.IsCurrent(pages[0]).Should().BeFalse();
        Task.Mm.GetUserPages(a, 1, write: false, pages).Should().Be(-Errno.EFAULT, "nothing is mapped there any more");
    }

    [Fact]
    public void CopyFromUserBadPointer()
    {
        Task.Mm.CopyFromUser(new byte[8], 0xdead_0000_0000).Should().Be(-Errno.EFAULT);
        Task.Mm.CopyToUser(0, new byte[8]).Should().Be(-Errno.EFAULT);
    }

    [Fact]
    public void ExitFreesEverything()
    {
        var used = Machine.Pages.UsedPages;
        var t = Machine.Spawn("short-lived");
        var a = (ulong)t.Mmap(0, 1 << 20, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        for (ulong off = 0; off < 1 << 20; off += 4096)
            t.WriteMemory(a + off, new byte[] { 1 });
        Machine.Pages.UsedPages.Should().BeGreaterThan(used);
        t.Exit();
        Machine.Pages.UsedPages.Should().Be(used);
    }

    private sealed class RecordingNotifier : MmuIntervalNotifier
    {
        public List<MmuNotifierEvent> Events { get; } = new();

        protected override bool Invalidate(MmuNotifierRange range)
        {
            lock (Events)
                Events.Add(range.Event);
            return true;
        }
    }
}
