using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace WitTools.BindGen.Tests.Contract;

/// <summary>A core function the generated code imports (<c>DllImport</c> module + entry point) or exports
/// (<c>UnmanagedCallersOnly</c> entry point), with its core wasm types.</summary>
public sealed record CoreFunction(string Module, string Name, IReadOnlyList<string> Params, IReadOnlyList<string> Results)
{
    public string Signature => "(" + string.Join(" ", Params) + ") -> (" + string.Join(" ", Results) + ")";

    public override string ToString() => (Module.Length > 0 ? Module + " " : "") + Name + " " + Signature;
}

/// <summary>
/// The core module that generated C# bindings compile to, as far as the component model cares: what it imports and
/// exports, read from the C# by Roslyn (the wasm32 form, without <c>WIT_EMULATED_MEMORY</c>), and the stub module with
/// exactly those imports and exports (bodies <c>unreachable</c>, plus the linear memory) that wit-component is given.
/// </summary>
public sealed class CoreModuleContract
{
    private CoreModuleContract(IReadOnlyList<CoreFunction> imports, IReadOnlyList<CoreFunction> exports, IReadOnlyList<string> conflicts)
    {
        Imports = imports;
        Exports = exports;
        Conflicts = conflicts;
    }

    public IReadOnlyList<CoreFunction> Imports { get; }
    public IReadOnlyList<CoreFunction> Exports { get; }

    /// <summary>One name declared twice with different core types (the C# would not link): each as a message.</summary>
    public IReadOnlyList<string> Conflicts { get; }

    /// <summary>Reads every <c>extern</c> with <c>DllImport</c> and every <c>UnmanagedCallersOnly</c> method of
    /// <paramref name="sources"/> (the generated files and <c>WitRuntime.cs</c>), compiled for wasm32.</summary>
    public static CoreModuleContract FromSources(IEnumerable<string> sources, IReadOnlyList<MetadataReference> references)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12, preprocessorSymbols: new[] { "NET", "NET8_0_OR_GREATER" });
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)).ToList();
        var compilation = CSharpCompilation.Create("Contract", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        var imports = new Dictionary<(string, string), CoreFunction>();
        var exports = new Dictionary<string, CoreFunction>();
        var conflicts = new List<string>();
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                foreach (var attribute in method.GetAttributes())
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case "System.Runtime.InteropServices.DllImportAttribute":
                        {
                            string module = (string)attribute.ConstructorArguments[0].Value!;
                            string name = Named(attribute, "EntryPoint") ?? method.Name;
                            var function = Function(module, name, method);
                            if (imports.TryGetValue((module, name), out var known) && known.Signature != function.Signature)
                                conflicts.Add("import " + module + " " + name + ": " + known.Signature + " and " + function.Signature);
                            imports[(module, name)] = function;
                            break;
                        }
                        case "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute":
                        {
                            string name = Named(attribute, "EntryPoint") ?? throw new InvalidOperationException(method + " exports no entry point");
                            var function = Function("", name, method);
                            if (exports.ContainsKey(name)) conflicts.Add("export " + name + " is declared twice");
                            exports[name] = function;
                            break;
                        }
                    }
                }
            }
        }
        return new CoreModuleContract(
            imports.Values.OrderBy(f => f.Module, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal).ToList(),
            exports.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList(),
            conflicts);
    }

    private static string? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var t in AllTypes(inner)) yield return t;
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var t in Nested(type)) yield return t;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var inner in type.GetTypeMembers())
            foreach (var t in Nested(inner)) yield return t;
    }

    private static CoreFunction Function(string module, string name, IMethodSymbol method) =>
        new(module, name, method.Parameters.Select(p => CoreType(p.Type, method)).ToList(),
            method.ReturnsVoid ? Array.Empty<string>() : new[] { CoreType(method.ReturnType, method) });

    private static string CoreType(ITypeSymbol type, IMethodSymbol method) => type.SpecialType switch
    {
        SpecialType.System_Int32 or SpecialType.System_UInt32 => "i32",
        SpecialType.System_Int64 or SpecialType.System_UInt64 => "i64",
        SpecialType.System_Single => "f32",
        SpecialType.System_Double => "f64",
        _ => throw new InvalidOperationException($"{method} uses {type}, which is no core wasm type"),
    };

    /// <summary>The stub core module in WebAssembly text: the imports, a memory, and the exports with <c>unreachable</c> bodies.</summary>
    public string ToWat()
    {
        var sb = new StringBuilder("(module\n");
        foreach (var import in Imports)
            sb.Append("  (import ").Append(Quote(import.Module)).Append(' ').Append(Quote(import.Name)).Append(" (func").Append(Types(import)).Append("))\n");
        sb.Append("  (memory (export \"memory\") 1)\n");
        foreach (var export in Exports)
            sb.Append("  (func (export ").Append(Quote(export.Name)).Append(')').Append(Types(export)).Append(" unreachable)\n");
        return sb.Append(")\n").ToString();
    }

    private static string Types(CoreFunction f) =>
        (f.Params.Count > 0 ? " (param " + string.Join(" ", f.Params) + ")" : "") + (f.Results.Count > 0 ? " (result " + string.Join(" ", f.Results) + ")" : "");

    /// <summary>A WAT string: printable ASCII as is, everything else (and quotes, backslashes) as <c>\hh</c> bytes of UTF-8.</summary>
    private static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            if (b >= 0x20 && b < 0x7f && b != (byte)'"' && b != (byte)'\\') sb.Append((char)b);
            else sb.Append('\\').Append(b.ToString("x2"));
        }
        return sb.Append('"').ToString();
    }
}
