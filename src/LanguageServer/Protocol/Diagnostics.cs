using System.Collections.Generic;

using Range = WitTools.LanguageServer.Protocol.Range;

namespace WitTools.LanguageServer.Protocol;

public static class DiagnosticSeverity
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}

public static class DiagnosticTag
{
    public const int Unnecessary = 1;
    public const int Deprecated = 2;
}

public sealed record Diagnostic(
    Range Range,
    int Severity,
    string Code,
    string Source,
    string Message,
    IReadOnlyList<int>? Tags = null);

public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<Diagnostic> Diagnostics);
