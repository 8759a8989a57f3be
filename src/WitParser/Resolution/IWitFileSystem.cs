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

    /// <summary>Reads a file as UTF-8 text. Never throws: failures are reported in the result.</summary>
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
    private WitFileReadResult(WitFileReadStatus status, string? text, string? error)
    {
        Status = status;
        Text = text;
        Error = error;
    }

    public WitFileReadStatus Status { get; }

    /// <summary>The text when <see cref="Status"/> is <see cref="WitFileReadStatus.Ok"/>.</summary>
    public string? Text { get; }

    /// <summary>The underlying reason of a failure (an I/O message), for diagnostics.</summary>
    public string? Error { get; }

    public bool IsOk => Status == WitFileReadStatus.Ok;

    public static WitFileReadResult Success(string text) => new(WitFileReadStatus.Ok, text, null);

    public static WitFileReadResult Failure(WitFileReadStatus status, string error) => new(status, null, error);
}

/// <summary>Strict UTF-8 decoding shared by the file systems (invalid bytes are an error, not U+FFFD).</summary>
public static class WitText
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 bytes. A leading byte-order mark stays in the text (as in wit-parser, the
    /// lexer skips it, and columns on the first line count it). Returns
    /// <see cref="WitFileReadStatus.InvalidUtf8"/> for malformed input.</summary>
    public static WitFileReadResult DecodeUtf8(byte[] bytes)
    {
        try
        {
            return WitFileReadResult.Success(StrictUtf8.GetString(bytes));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return WitFileReadResult.Failure(WitFileReadStatus.InvalidUtf8, "stream did not contain valid UTF-8");
        }
    }
}
