using System.Text;

namespace Igt.Runner.Results;

/// <summary>
/// Reading and appending the small text files of a results directory while test hosts may still be writing them.
/// Text is made JSON-safe as IGT does: invalid UTF-8 becomes U+FFFD and anything after a NUL byte is dropped.
/// </summary>
public static class TextFiles
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The file's text, or "" when it does not exist.</summary>
    public static string ReadShared(string path)
    {
        if (!File.Exists(path))
            return "";
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var ms = new MemoryStream();
        fs.CopyTo(ms);
        return Sanitize(ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    public static string Sanitize(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
            bytes = bytes[..nul];
        // The default UTF8 decoder replaces invalid sequences with U+FFFD rather than throwing.
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Appends text and flushes it, sharing the file with writers in other processes.</summary>
    public static void Append(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        fs.Write(Utf8NoBom.GetBytes(text));
        fs.Flush(flushToDisk: true);
    }

    /// <summary>Writes a whole file through a temporary name, so a killed runner never leaves half a file.</summary>
    public static void WriteAtomic(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text, Utf8NoBom);
        File.Move(tmp, path, overwrite: true);
    }
}
