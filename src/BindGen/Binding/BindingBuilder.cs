using System;
using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Diagnostics;
using WitTools.WitParser.Model;
using WitTools.WitParser.Text;

namespace WitTools.BindGen.Binding;

/// <summary>
/// Builds the <see cref="WorldBinding"/> of one world: every decision the C# bindings depend on, in one place
/// (src/BindGen/Binding/README.md lists which step decides what). Never throws on bad input: what the bindings
/// cannot express comes back as located <see cref="WitDiagnostic"/>s.
/// </summary>
public static partial class BindingBuilder
{
    /// <summary>The code of the errors this stage reports (a construct the bindings do not support).</summary>
    public const string UnsupportedCode = "WIT0101";

    public static BindingResult Build(Resolve resolve, WorldId world, BindingOptions options)
    {
        if (resolve is null) throw new ArgumentNullException(nameof(resolve));
        if (options is null) throw new ArgumentNullException(nameof(options));
        var builder = new Builder(resolve, world, options);
        try
        {
            return builder.Run();
        }
        catch (BindingException e)
        {
            return new BindingResult(null, null, new[] { e.Diagnostic });
        }
    }

    /// <summary>A problem found deep inside a step (a type outside the world, an invalid plan): stops the build with its diagnostic.</summary>
    private sealed class BindingException : Exception
    {
        public BindingException(WitDiagnostic diagnostic) : base(diagnostic.Message) => Diagnostic = diagnostic;

        public WitDiagnostic Diagnostic { get; }
    }

    /// <summary>One interface of the world while it is being bound (mutable; frozen into an <see cref="InterfaceBinding"/>).</summary>
    private sealed class InterfaceState
    {
        public InterfaceState(InterfaceId id, Interface iface, string moduleName, CsName @class, bool inline, NameScope scope)
        {
            Id = id;
            Interface = iface;
            ModuleName = moduleName;
            Class = @class;
            IsInline = inline;
            Scope = scope;
        }

        public InterfaceId Id { get; }
        public Interface Interface { get; }
        public string ModuleName { get; }
        public CsName Class { get; }
        public bool IsInline { get; }

        /// <summary>The members of the interface class: type names, the contract, imported functions, nested helper classes.</summary>
        public NameScope Scope { get; }
        public bool Imported { get; set; }
        public bool Exported { get; set; }
        public bool IsDual => Imported && Exported;

        /// <summary>The side of the projections in the interface class itself (imported when the world imports it).</summary>
        public BindingSide PrimarySide => Imported ? BindingSide.Import : BindingSide.Export;

        public CsName Contract { get; set; } = null!;
        public NameScope ContractScope { get; set; } = null!;
        public CsName ExportClass { get; set; } = null!;
        public NameScope ExportScope { get; set; } = null!;
        public CsName AbiClass { get; set; } = null!;
        public NameScope AbiScope { get; set; } = null!;
        public string? Factory { get; set; }
        public Span ExportSpan { get; set; } = Span.Unknown;
        public bool UsesExportClass { get; set; }

        /// <summary>The C# member name of each freestanding function as an import (static method) and as a contract member.</summary>
        public Dictionary<Function, string> ImportNames { get; } = new();
        public Dictionary<Function, string> ContractNames { get; } = new();

        public List<TypeDeclaration> Types { get; } = new();
        public List<TypeDeclaration> ExportTypes { get; } = new();
        public List<FunctionBinding> Imports { get; } = new();
        public List<FunctionBinding> ContractMembers { get; } = new();
        public List<FunctionBinding> Exports { get; } = new();
    }

    private sealed partial class Builder
    {
        private readonly Resolve _resolve;
        private readonly WorldId _worldId;
        private readonly World _world;
        private readonly BindingOptions _options;
        private readonly ResolveAbi _abi;
        private readonly string _root;
        private readonly List<InterfaceState> _interfaces = new();
        private readonly Dictionary<InterfaceId, InterfaceState> _byId = new();
        private readonly RuntimeFeatures _runtime = new();
        private readonly List<CanonicalBuiltin> _builtins = new();

        public Builder(Resolve resolve, WorldId world, BindingOptions options)
        {
            _resolve = resolve;
            _worldId = world;
            _world = resolve.Worlds[world];
            _options = options;
            _abi = new ResolveAbi(resolve);
            _root = options.RootNamespace;
        }

        public BindingResult Run()
        {
            var problems = Validate();
            if (problems.Count > 0) return new BindingResult(null, null, problems);

            NameWorld();
            NameTypes();
            NameFunctions();
            _worldAbiClass = _worldClass.Nested(_worldScope.Claim("Abi"));
            NameImportContracts();
            DeclareTypes();
            var worldImports = BindFunctions();
            var exports = BindExports();
            var stubs = NameStubs(exports);
            var functions = _interfaces.SelectMany(s => s.Imports.Concat(s.Exports))
                .Concat(_resources.Values.SelectMany(r => r.Functions))
                .Concat(worldImports)
                .Concat(exports.Where(e => e.IsWorldFunctions).SelectMany(e => e.Functions))
                .ToList();
            var codecs = BindCodecs(functions);
            var asyncWorld = BindAsync(functions, codecs);
            DecideRuntime(functions, codecs);
            ProjectAll(functions, codecs);

            var interfaces = _interfaces.Select(Freeze).ToList();
            var world = new WorldBinding(
                _worldId,
                _world.Name,
                QualifiedWorldName(),
                _options,
                _worldClass,
                _world.Docs.Contents,
                _worldClass.RelativeTo(_root) + ".cs",
                ValueArray.From(_worldTypes),
                ValueArray.From(interfaces),
                ValueArray.From(worldImports),
                ValueArray.From(exports),
                _worldAbiClass,
                ValueArray.From(codecs.World),
                ValueArray.From(_builtins.Distinct()),
                _runtime,
                stubs) { Host = WorldHost(), Async = asyncWorld };
            return new BindingResult(world, new TypeProjection(_csTypes, _declarationsBySide, _codecs), Array.Empty<WitDiagnostic>());

            InterfaceBinding Freeze(InterfaceState s)
            {
                string? file = s.IsInline ? null : s.Class.RelativeTo(_root);
                var host = InterfaceHost(s);
                return new InterfaceBinding(
                    s.Id, s.ModuleName, s.Class, s.Interface.Docs.Contents, s.IsInline, s.Imported, s.Exported,
                    file is null ? null : file + ".cs",
                    file is not null && s.Imported && (s.Imports.Count > 0 || host is not null) ? file + ".Imports.cs" : null,
                    file is not null && s.Exported ? file + ".Exports.cs" : null,
                    ValueArray.From(s.Types),
                    s.UsesExportClass ? s.ExportClass : null,
                    ValueArray.From(s.ExportTypes),
                    ValueArray.From(s.Imports),
                    s.Exported ? Contract(s) : null,
                    s.AbiClass,
                    ValueArray.From(codecs.Interface(s.Id, exportPart: false)),
                    ValueArray.From(codecs.Interface(s.Id, exportPart: true)))
                {
                    Host = host,
                    Obsolete = Deprecation(s.Interface.Stability, "interface", s.ModuleName),
                };
            }
        }

        /// <summary>The world's qualified name ("demo:calc/calculator@1.0.0"), or its plain name outside a package.</summary>
        private string QualifiedWorldName() => _world.Package is { } package ? _resolve.IdOfName(package, _world.Name) : _world.Name;

        private WitDiagnostic Error(Span span, string message) => new(message, span, DiagnosticSeverity.Error, UnsupportedCode);

        private BindingException Fail(Span span, string message) => new(Error(span, message));

        /// <summary>The interface instances of the world in item order (imports, then exports).</summary>
        private IEnumerable<(WorldKey Key, WorldItem Item, BindingSide Side)> Items() =>
            _world.Imports.Select(kv => (kv.Key, kv.Value, BindingSide.Import)).Concat(_world.Exports.Select(kv => (kv.Key, kv.Value, BindingSide.Export)));

        private static string? Docs(Docs docs) => docs.Contents;
    }
}
