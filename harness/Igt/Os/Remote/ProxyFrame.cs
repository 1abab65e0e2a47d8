using System.Buffers.Binary;

namespace Igt.Os.Remote;

/// <summary>
/// Frame layout of the igt-proxy protocol (tools/vm/proxy/protocol.h), little endian. A request is
/// <c>u32 len | u32 session | u32 lane | u32 op | u64 args[6] | payload</c>, a reply
/// <c>u32 len | u32 session | u32 lane | u32 op | i64 ret | i64 aux | payload</c>; len counts what follows it.
/// </summary>
public static class ProxyFrame
{
    public const int Version = 1;
    public const int MaxPayload = 64 * 1024;
    public const int RequestHeader = 64;
    public const int ReplyHeader = 32;
    public const int ArgCount = 6;

    public static byte[] Request(uint session, uint lane, ProxyOp op, ReadOnlySpan<ulong> args, ReadOnlySpan<byte> payload)
    {
        if (args.Length > ArgCount || payload.Length > MaxPayload)
            throw new ArgumentException("proxy request too large");
        var frame = new byte[RequestHeader + payload.Length];
        var s = frame.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)(frame.Length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], session);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], lane);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)op);
        for (var i = 0; i < args.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(s[(16 + 8 * i)..], args[i]);
        payload.CopyTo(s[RequestHeader..]);
        return frame;
    }

    /// <summary>Parses a reply whose 4-byte length prefix was already read (<paramref name="body"/> is the rest).</summary>
    public static ProxyReply Reply(ReadOnlySpan<byte> body)
    {
        if (body.Length < ReplyHeader - 4)
            throw new InvalidDataException($"short proxy reply ({body.Length} bytes)");
        return new ProxyReply(
            BinaryPrimitives.ReadUInt32LittleEndian(body),
            BinaryPrimitives.ReadUInt32LittleEndian(body[4..]),
            (ProxyOp)BinaryPrimitives.ReadUInt32LittleEndian(body[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(body[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(body[20..]),
            body[(ReplyHeader - 4)..].ToArray());
    }
}
