using System.Collections.Generic;

namespace WitTools.WitParser.Resolution;

/// <summary>
/// The file access the loader needs, so WIT can come from disk (<see cref="PhysicalWitFileSystem"/>) or
/// from memory (<see cref="InMemoryWitFileSystem"/>, used by tests and the source generator).
/// Paths are plain strings that are only ever joined with '/' by the loader.
/// </summary>
public interface IWitFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>The entries directly inside a directory, sorted by name (ordinal), or null when the
    /// directory cannot be read.</summary>
    IReadOnlyList<WitDirectoryEntry>? ListDirectory(string path);

    /// <summary>Reads a file as UTF-8 text. Never throws: failures are reported in the result, which should carry
    /// the file's bytes (<see cref="WitFileReadResult.Success(byte[])"/>) so the loader need not encode them again.</summary>
    WitFileReadResult ReadText(string path);
}

/// <summary>One entry of a directory listing: its name (no directory part) and whether it is a directory
/// (a symbolic link to a directory counts as a directory).</summary>
public readonly struct WitDirectoryEntry
{
    public WitDirectoryEntry(string name, bool isDirectory)
    {
        Name = name;
        IsDirectory = isDirectory;
    }

    public string Name { get; }
    public bool IsDirectory { get; }

    public override string ToString() => IsDirectory ? Name + "/" : Name;
}

public enum WitFileReadStatus
{
    Ok,
    NotFound,
    InvalidUtf8,
    IoError,
}

/// <summary>The outcome of <see cref="IWitFileSystem.ReadText"/>.</summary>
public readonly struct WitFileReadResult
{
    private readonly string? _text;

    private WitFileReadResult(WitFileReadStatus status, string? text, byte[]? utf8, string? error, bool plainAscii = false)
    {
        Status = status;
        _text = text;
        Utf8 = utf8;
        Error = error;
        PlainAscii = plainAscii;
    }

    /// <summary>The bytes were checked and hold only printable ASCII, tabs and line ends.</summary>
    internal bool PlainAscii { get; }

    internal static WitFileReadResult CheckedBytes(byte[] utf8, bool plainAscii) => new(WitFileReadStatus.Ok, null, utf8, null, plainAscii);

    public WitFileReadStatus Status { get; }

    /// <summary>The text when <see cref="Status"/> is <see cref="WitFileReadStatus.Ok"/> (decoded from
    /// <see cref="Utf8"/> on each access when the result was made from bytes).</summary>
    public string? Text => _text ?? (Utf8 is null ? null : System.Text.Encoding.UTF8.GetString(Utf8));

    /// <summary>The file's well-formed UTF-8 bytes, when the result was made from bytes (what the loader reads).</summary>
    public byte[]? Utf8 { get; }

    /// <summary>The underlying reason of a failure (an I/O message), for diagnostics.</summary>
    public string? Error { get; }

    public bool IsOk => Status == WitFileReadStatus.Ok;

    public static WitFileReadResult Success(string text) => new(WitFileReadStatus.Ok, text, null, null);

    /// <summary>A successful read of bytes already checked to be well-formed UTF-8 (<see cref="WitText.CheckUtf8"/>).</summary>
    public static WitFileReadResult Success(byte[] utf8) => new(WitFileReadStatus.Ok, null, utf8, null);

    public static WitFileReadResult Failure(WitFileReadStatus status, string error) => new(status, null, null, error);
}

/// <summary>Strict UTF-8 decoding shared by the file systems (invalid bytes are an error, not U+FFFD).</summary>
public static class WitText
{
    /// <summary>Decodes UTF-8 bytes. A leading byte-order mark stays in the text (as in wit-parser, the
    /// lexer skips it, and columns on the first line count it). Returns
    /// <see cref="WitFileReadStatus.InvalidUtf8"/> for malformed input.</summary>
    public static WitFileReadResult DecodeUtf8(byte[] bytes)
    {
        var checkedBytes = CheckUtf8(bytes);
        return checkedBytes.IsOk ? WitFileReadResult.Success(checkedBytes.Text!) : checkedBytes;
    }

    /// <summary>Checks that bytes are well-formed UTF-8 without decoding them: a result holding the bytes, or
    /// <see cref="WitFileReadStatus.InvalidUtf8"/>.</summary>
    public static WitFileReadResult CheckUtf8(byte[] bytes) =>
        Text.Utf8Text.Check(bytes, out bool plainAscii)
            ? WitFileReadResult.CheckedBytes(bytes, plainAscii)
            : WitFileReadResult.Failure(WitFileReadStatus.InvalidUtf8, "stream did not contain valid UTF-8");
}
