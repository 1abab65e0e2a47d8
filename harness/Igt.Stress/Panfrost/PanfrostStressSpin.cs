using Igt.Panfrost;

namespace Igt.Stress.Panfrost;

/// <summary>A spinner of the panfrost workload and the WRITE_VALUE chain it releases when it ends.</summary>
public sealed record PanfrostStressSpin(int Fd, PanfrostSpin Spin, PanfrostBo Desc, List<(PanfrostStressBo Bo, int Dword, uint Value)> Writes);
