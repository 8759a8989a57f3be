using System.Collections.Generic;

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
