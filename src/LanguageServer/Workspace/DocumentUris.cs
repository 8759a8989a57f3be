using System;
using System.IO;

namespace WitTools.LanguageServer.Workspace;

/// <summary>
/// Maps document URIs to the paths the WIT loader reads, and back. A <c>file:</c> URI is its local path;
/// any other scheme (an editor's unsaved buffer) gets a path of its own under a folder no disk path can
/// have, so it loads as a package of one file.
/// </summary>
public static class DocumentUris
{
    public const string VirtualRoot = "/.wit-lsp-virtual";

    public static string ToPath(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
        {
            string path = parsed.LocalPath;
            if (path.Length > 1 && (path.EndsWith('/') || path.EndsWith('\\'))) path = path.TrimEnd('/', '\\');
            return path;
        }
        // One folder per URI: unrelated buffers must not become one package.
        string safe = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(uri ?? string.Empty)))[..16];
        return VirtualRoot + "/" + safe + "/buffer.wit";
    }

    public static string ToUri(string path)
    {
        try
        {
            return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        }
        catch (Exception)
        {
            return "file://" + path;
        }
    }

    /// <summary>The package folder the WIT loader is pointed at for a file: its own folder, or for a file in
    /// <c>R/deps/</c> (a single-file dependency) or <c>R/deps/D/</c> (a dependency folder) the folder R
    /// whose dependency it is.</summary>
    public static string PackageRootOf(string filePath)
    {
        string dir = ParentOf(filePath);
        if (NameOf(dir) == "deps") return ParentOf(dir);
        string parent = ParentOf(dir);
        if (NameOf(parent) == "deps") return ParentOf(parent);
        return dir;
    }

    public static string ParentOf(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        if (slash < 0) return ".";
        if (slash == 0) return "/";
        return path.Substring(0, slash);
    }

    public static string NameOf(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary>Joins like the WIT loader does ('/' unless the folder already ends with a separator).</summary>
    public static string Join(string directory, string name)
    {
        if (directory.Length == 0) return name;
        char last = directory[directory.Length - 1];
        return last == '/' || last == '\\' ? directory + name : directory + "/" + name;
    }
}
