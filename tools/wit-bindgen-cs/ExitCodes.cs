namespace WitTools.Cli;

/// <summary>The CLI's exit codes (a contract: scripts and the conformance harness rely on them).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The WIT input has errors; they are printed on stderr.</summary>
    public const int WitError = 1;

    /// <summary>The command line is wrong (unknown verb or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>A bug in wit-bindgen-cs itself; the message asks for a report.</summary>
    public const int InternalError = 3;

    /// <summary>`generate` could not write its output (the message says why); the output directory is as it was.</summary>
    public const int OutputError = 4;
}
