namespace WitTools.WitParser.Resolution;

/// <summary>Optional work a load does besides resolving (see <see cref="WitLoader.Load(string, Model.FeatureSet, IWitFileSystem?, WitLoadOptions?)"/>).</summary>
public sealed class WitLoadOptions
{
    public static readonly WitLoadOptions Default = new();

    /// <summary>Record every definition and reference into <see cref="LoadResult.Symbols"/> and keep every file's
    /// syntax tree in <see cref="LoadResult.Files"/> (what an editor needs). Off by default: it costs memory and time
    /// a one-shot check or a binding generator does not need.</summary>
    public bool BuildSymbols { get; set; }

    /// <summary>Whether a large package's files may be read and parsed on several threads (the result is the same
    /// either way; tests turn it off to check that).</summary>
    internal bool Parallel { get; set; } = true;
}
