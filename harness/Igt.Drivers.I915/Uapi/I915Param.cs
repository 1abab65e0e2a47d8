namespace Igt.Drivers.I915.Uapi;

/// <summary>I915_PARAM_* ids for GETPARAM.</summary>
public static class I915Param
{
    public const int ChipsetId = 4;
    public const int HasGem = 5;
    public const int NumFencesAvail = 6;
    public const int HasExecbuf2 = 9;
    public const int HasBsd = 10;
    public const int HasBlt = 11;
    public const int HasLlc = 17;
    public const int HasAliasingPpgtt = 18;
    public const int HasWaitTimeout = 19;
    public const int HasVebox = 22;
    public const int HasExecNoReloc = 25;
    public const int HasExecHandleLut = 26;
    public const int HasWt = 27;
    public const int MmapVersion = 30;
    public const int Revision = 32;
    public const int HasExecSoftpin = 37;
    public const int MmapGttVersion = 40;
    public const int HasScheduler = 41;
    public const int HasExecFence = 44;
    public const int HasExecCapture = 45;
    public const int HasExecBatchFirst = 48;
    public const int HasExecFenceArray = 49;
    public const int HasContextIsolation = 50;
    public const int CsTimestampFrequency = 51;
    public const int HasUserptrProbe = 56;
}
