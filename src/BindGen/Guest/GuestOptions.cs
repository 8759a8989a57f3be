using System.Collections.Generic;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Guest;

/// <summary>How functions whose WIT result is <c>result&lt;T, E&gt;</c> look in C#.</summary>
public enum ResultMapping
{
    /// <summary>Return <c>T</c>; the error travels as <c>WitException&lt;E&gt;</c>.</summary>
    Exceptions,

    /// <summary>Return <c>Result&lt;T, E&gt;</c>.</summary>
    Result,
}

public sealed class GuestOptions
{
    /// <summary>Root namespace of everything generated (default "Wit").</summary>
    public string RootNamespace { get; set; } = "Wit";

    /// <summary>Also write a skeleton implementation of the exports.</summary>
    public bool Stubs { get; set; }

    public ResultMapping ResultMapping { get; set; } = ResultMapping.Exceptions;

    /// <summary>The canonical option <c>string-encoding</c> of every lifted and lowered function (default UTF-8).
    /// The component must be embedded with the same encoding (<c>wasm-tools component embed --encoding</c>).</summary>
    public StringEncoding StringEncoding { get; set; } = StringEncoding.Utf8;
}

/// <summary>One generated file: a relative file name and its text.</summary>
public sealed class GuestFile
{
    public GuestFile(string name, string text)
    {
        Name = name;
        Text = text;
    }

    public string Name { get; }
    public string Text { get; }
}

/// <summary>The generated files, or the errors that stopped generation (then there are no files).</summary>
public sealed class GuestResult
{
    public GuestResult(IReadOnlyList<GuestFile> files, IReadOnlyList<string> errors)
    {
        Files = files;
        Errors = errors;
    }

    public IReadOnlyList<GuestFile> Files { get; }
    public IReadOnlyList<string> Errors { get; }
    public bool Success => Errors.Count == 0;
}
