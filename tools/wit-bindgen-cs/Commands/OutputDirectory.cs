using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using WitTools.BindGen.Guest;

namespace WitTools.Cli.Commands;

/// <summary>The output could not be written (the message says why, and whether the output directory changed).</summary>
internal sealed class OutputException : Exception
{
    public OutputException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Writes generated files into a directory all or nothing. Each file is printed straight into a new file of a
/// temporary directory on the same file system — inside the output directory when it exists, else beside it — and
/// only when every file is written are they renamed into place (a missing output directory is the temporary one,
/// renamed). A failure before that deletes the temporary directory and leaves the output directory as it was.
/// Files are written once and never held in memory together.
/// </summary>
internal static class OutputDirectory
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="files"/> into <paramref name="directory"/>; returns the bytes written.
    /// <paramref name="written"/> is told the number of files written after each one.</summary>
    /// <exception cref="OutputException">The files could not be written; the output directory is as it was (unless the
    /// message says otherwise: only when the directory changes under the renames).</exception>
    public static long WriteAll(string directory, IReadOnlyList<GuestFile> files, Action<int> written)
    {
        string target;
        try
        {
            target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or IOException)
        {
            throw new OutputException($"`{directory}` is not a usable directory path: {e.Message}", e);
        }
        if (File.Exists(target)) throw new OutputException($"`{directory}` is a file, not a directory");
        bool exists = Directory.Exists(target);
        if (exists)
        {
            foreach (var file in files)
            {
                if (Directory.Exists(Path.Combine(target, file.Name)))
                    throw new OutputException($"cannot write `{Path.Combine(directory, file.Name)}`: a directory of that name is in the way");
            }
        }

        string parent = exists ? target : Path.GetDirectoryName(target) ?? target;
        string temp = Path.Combine(parent, ".wit-bindgen-cs-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        bool tempInUse = false, moving = false;
        try
        {
            Directory.CreateDirectory(temp);
            tempInUse = true;
            long bytes = 0;
            for (int i = 0; i < files.Count; i++)
            {
                // the writer buffers (small buffers: thousands of files must not each allocate large arrays)
                using (var stream = new FileStream(Path.Combine(temp, files[i].Name), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    using var writer = new StreamWriter(stream, Utf8, bufferSize: 16 * 1024);
                    files[i].WriteTo(writer);
                    writer.Flush();
                    bytes += stream.Length;
                }
                written(i + 1);
            }

            if (!exists)
            {
                Directory.Move(temp, target);
                tempInUse = false;
                return bytes;
            }
            moving = true;
            foreach (var file in files) File.Move(Path.Combine(temp, file.Name), Path.Combine(target, file.Name), overwrite: true);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // renames of files already written fail only when something else changes the directory meanwhile
            throw new OutputException($"cannot write the bindings to `{directory}`: {e.Message}"
                + (moving ? "; some of its files were already replaced: generate again" : ""), e);
        }
        finally
        {
            if (tempInUse)
            {
                try { Directory.Delete(temp, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
    }
}
