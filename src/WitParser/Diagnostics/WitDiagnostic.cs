using System.Collections.Generic;
using WitTools.WitParser.Text;

namespace WitTools.WitParser.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in WIT input. Carries data only (message, span, context); it is rendered to text
/// at the very end by <see cref="DiagnosticRenderer"/> or mapped to a Roslyn diagnostic by the generator.
/// </summary>
public sealed class WitDiagnostic
{
    public WitDiagnostic(string message, Span span, DiagnosticSeverity severity = DiagnosticSeverity.Error,
        string code = DiagnosticCodes.Syntax, IReadOnlyList<string>? context = null)
    {
        Message = message;
        Span = span;
        Severity = severity;
        Code = code;
        Context = context ?? System.Array.Empty<string>();
    }

    public string Message { get; }
    public Span Span { get; }
    public DiagnosticSeverity Severity { get; }

    /// <summary>Stable identifier (`WITnnnn`) used by the source generator and documentation.</summary>
    public string Code { get; }

    /// <summary>Outer-to-inner context strings printed before the message, joined by ": "
    /// (wit-parser's anyhow context chain, e.g. "failed to resolve directory while parsing WIT for path [p]").</summary>
    public IReadOnlyList<string> Context { get; }

    /// <summary>How to fix it, when the front end knows (e.g. "did you mean `prime-power`?"), or null. Kept apart from
    /// <see cref="Message"/>, which is wit-parser's text: each edge prints it its own way (a `help:` line after the
    /// snippet, after the message in a Roslyn or LSP diagnostic).</summary>
    public string? Help { get; init; }

    /// <summary>The fix behind a "did you mean" <see cref="Help"/>, as data: the text to write instead of the misspelled
    /// token and that token's span (which may differ from <see cref="Span"/>, e.g. a misspelled keyword is reported at
    /// the name after it). Null when the front end has no single replacement. Editors offer it as a quick fix.</summary>
    public WitSuggestion? Suggestion { get; init; }

    /// <summary>The message followed by the help, for edges that print one line ("message; help").</summary>
    public string MessageWithHelp => Help == null ? Message : Message + "; " + Help;

    public WitDiagnostic WithContext(string outerContext)
    {
        var context = new List<string>(Context.Count + 1) { outerContext };
        context.AddRange(Context);
        return new WitDiagnostic(Message, Span, Severity, Code, context) { Help = Help, Suggestion = Suggestion };
    }

    public override string ToString() => Context.Count == 0 ? Message : string.Join(": ", Context) + ": " + Message;
}

/// <summary>A replacement that fixes a diagnostic: write <paramref name="Replacement"/> over exactly the text of
/// <paramref name="Span"/> (the misspelled token).</summary>
public sealed record WitSuggestion(string Replacement, Span Span);

/// <summary>Diagnostic codes by class of problem (documented in docs/diagnostics.md).</summary>
public static class DiagnosticCodes
{
    /// <summary>Lexical or syntax error.</summary>
    public const string Syntax = "WIT0001";
    /// <summary>Name resolution / validation error inside a package.</summary>
    public const string Resolution = "WIT0002";
    /// <summary>Error between packages (dependencies, cycles, versions).</summary>
    public const string Package = "WIT0003";
    /// <summary>File system / loading error (missing path, unreadable file, bad deps folder).</summary>
    public const string Loading = "WIT0004";
    /// <summary>Use of a `@deprecated` item.</summary>
    public const string Deprecated = "WIT0005";
}
