using System.Collections.Generic;
using System.Globalization;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Guest;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

/// <summary>The binding options as the user typed them (command-line options, or <c>&lt;Wit&gt;</c> metadata and
/// MSBuild properties). Null or blank means the default.</summary>
public sealed class OptionTexts
{
    public string? RootNamespace { get; set; }
    public string? ResultMapping { get; set; }
    public string? StringEncoding { get; set; }
    public bool Stubs { get; set; }
}

/// <summary>Where the user sets each option, for messages: <c>--namespace</c>, or <c>the Namespace metadata of
/// the &lt;Wit&gt; item or the WitNamespace property</c>.</summary>
public sealed class OptionNames
{
    public OptionNames(string rootNamespace, string resultMapping, string stringEncoding)
    {
        RootNamespace = rootNamespace;
        ResultMapping = resultMapping;
        StringEncoding = stringEncoding;
    }

    public string RootNamespace { get; }
    public string ResultMapping { get; }
    public string StringEncoding { get; }
}

/// <summary>Validated options, or the errors (code <see cref="OptionValidation.DiagnosticCode"/>, no span: options
/// are not in the WIT) that stopped validation; then <see cref="Options"/> is null.</summary>
public sealed class OptionValidationResult
{
    internal OptionValidationResult(GuestOptions? options, IReadOnlyList<WitDiagnostic> diagnostics)
    {
        Options = options;
        Diagnostics = diagnostics;
    }

    public GuestOptions? Options { get; }
    public IReadOnlyList<WitDiagnostic> Diagnostics { get; }
    public bool Success => Options is not null;
}

/// <summary>
/// The one validation of the binding options, used by <c>wit-bindgen-cs generate</c> and the source
/// generator alike: the root namespace (dotted C# identifiers, none a keyword, so the generated
/// <c>namespace</c> lines compile; default <c>Wit</c>), the result mapping (<c>exceptions</c>, also spelled
/// <c>exception</c>, or <c>result</c>, any case; default <c>exceptions</c>) and the string encoding
/// (<see cref="StringEncodings.TryParse"/>; default <c>utf8</c>).
/// </summary>
public static class OptionValidation
{
    /// <summary>The code of every option error.</summary>
    public const string DiagnosticCode = "WIT0102";

    /// <summary>The root namespace when none is given.</summary>
    public const string DefaultRootNamespace = "Wit";

    public static OptionValidationResult Validate(OptionTexts texts, OptionNames names)
    {
        var diagnostics = new List<WitDiagnostic>();
        var options = new GuestOptions { Stubs = texts.Stubs };

        string ns = (texts.RootNamespace ?? "").Trim();
        if (ns.Length == 0) ns = DefaultRootNamespace;
        if (NamespaceProblem(ns) is { } problem)
            diagnostics.Add(Error($"`{ns}` is not a valid C# namespace: {problem} (set by {names.RootNamespace})"));
        options.RootNamespace = ns;

        switch ((texts.ResultMapping ?? "").Trim().ToLowerInvariant())
        {
            case "":
            case "exceptions":
            case "exception":
                options.ResultMapping = ResultMapping.Exceptions;
                break;
            case "result":
                options.ResultMapping = ResultMapping.Result;
                break;
            default:
                diagnostics.Add(Error($"unknown result mapping `{texts.ResultMapping!.Trim()}`; expected `exceptions` or `result` (set by {names.ResultMapping})"));
                break;
        }

        if (StringEncodings.TryParse(texts.StringEncoding, out var encoding)) options.StringEncoding = encoding;
        else diagnostics.Add(Error(StringEncodings.UnknownMessage(texts.StringEncoding ?? "") + $" (set by {names.StringEncoding})"));

        return new OptionValidationResult(diagnostics.Count == 0 ? options : null, diagnostics);
    }

    /// <summary>Why <paramref name="ns"/> cannot be the root namespace, or null when it can.</summary>
    public static string? NamespaceProblem(string ns)
    {
        foreach (var part in ns.Split('.'))
        {
            if (part.Length == 0) return "it has an empty part (two dots, or a dot at an end)";
            if (CSharpNames.IsKeyword(part)) return $"`{part}` is a C# keyword";
            if (!IsIdentifier(part)) return $"`{part}` is not a C# identifier";
        }
        return null;
    }

    /// <summary>A C# identifier without <c>@</c> or escapes: a letter or <c>_</c>, then letters, digits, connectors,
    /// combining marks and formatting characters (the C# specification's identifier classes).</summary>
    private static bool IsIdentifier(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
            bool letter = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
            bool ok = i == 0
                ? letter || text[i] == '_'
                : letter || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format;
            if (!ok) return false;
            if (char.IsHighSurrogate(text[i])) i++;
        }
        return text.Length > 0;
    }

    private static WitDiagnostic Error(string message) => new(message, Span.Unknown, DiagnosticSeverity.Error, DiagnosticCode);
}
