using System;
using System.Collections.Generic;
using System.IO;

namespace WitTools.WitParser.Resolution;

/// <summary>The real file system. Never throws: I/O failures become results the loader reports.</summary>
public sealed class PhysicalWitFileSystem : IWitFileSystem
{
    public static readonly PhysicalWitFileSystem Instance = new();

    public bool FileExists(string path)
    {
        try { return File.Exists(path); }
        catch (Exception) { return false; }
    }

    public bool DirectoryExists(string path)
    {
        try { return Directory.Exists(path); }
        catch (Exception) { return false; }
    }

    public IReadOnlyList<WitDirectoryEntry>? ListDirectory(string path)
    {
        try
        {
            var entries = new List<WitDirectoryEntry>();
            foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
            {
                // A symbolic link to a directory counts as one (Directory.Exists follows links); other entries
                // are what their attributes say, without another look at the disk.
                var attributes = entry.Attributes;
                bool isDirectory = (attributes & FileAttributes.Directory) != 0
                    || ((attributes & FileAttributes.ReparsePoint) != 0 && Directory.Exists(entry.FullName));
                entries.Add(new WitDirectoryEntry(entry.Name, isDirectory));
            }
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (Exception)
        {
            return null;
        }
    }

    public WitFileReadResult ReadText(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return WitFileReadResult.Failure(WitFileReadStatus.NotFound, "No such file or directory (os error 2)");
        }
        catch (Exception e) when (e is DirectoryNotFoundException || e is ArgumentException)
        {
            // An empty or malformed path cannot name a file either (the OS would say ENOENT).
            return WitFileReadResult.Failure(WitFileReadStatus.NotFound, "No such file or directory (os error 2)");
        }
        catch (UnauthorizedAccessException)
        {
            return WitFileReadResult.Failure(WitFileReadStatus.IoError, "Permission denied (os error 13)");
        }
        catch (Exception e)
        {
            return WitFileReadResult.Failure(WitFileReadStatus.IoError, e.Message);
        }
        return WitText.CheckUtf8(bytes);
    }
}
