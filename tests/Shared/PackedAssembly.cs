using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.PortableExecutable;

namespace WitTools.Tests.Shared;

/// <summary>What a packed assembly says about how it was built (issue 11 item 9: packages ready to publish).</summary>
public static class PackedAssembly
{
    /// <summary>Whether the assembly in <paramref name="entry"/> was built deterministically (a Reproducible debug
    /// directory entry) and carries its symbols (an embedded portable PDB).</summary>
    public static (bool Deterministic, bool EmbeddedSymbols) Inspect(ZipArchiveEntry entry)
    {
        using var bytes = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(bytes);
        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var debug = pe.ReadDebugDirectory();
        return (debug.Any(d => d.Type == DebugDirectoryEntryType.Reproducible),
                debug.Any(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb));
    }
}
