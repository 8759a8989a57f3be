using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        /// <summary>
        /// The skeleton implementation's classes: one per exported interface (<c>&lt;Iface&gt;Impl</c>), one per exported
        /// resource (<c>&lt;Resource&gt;Impl</c>) and one for the world's exported functions (<c>&lt;World&gt;ExportsImpl</c>),
        /// named in the world's namespace around the classes already declared there.
        /// </summary>
        private StubsBinding NameStubs(List<ExportContract> contracts)
        {
            var scope = new NameScope(null, _worldClass.Simple);
            foreach (var state in _interfaces) if (state.Class.Namespace == _worldClass.Namespace && !state.IsInline) scope.Claim(state.Class.Simple);
            var classes = new List<StubClass>();
            var resources = new List<StubClass>();
            var byContract = new Dictionary<CsName, ExportContract>();
            foreach (var c in contracts)
            {
                if (!c.IsWorldFunctions && !byContract.ContainsKey(c.Contract)) byContract.Add(c.Contract, c);
            }
            foreach (var state in _interfaces.Where(s => s.Exported))
            {
                var contract = byContract[state.Contract];
                classes.Add(new StubClass(scope.Claim(state.Class.Simple + "Impl"), state.Contract, false, contract.Members, state.Factory));
            }
            var world = contracts.FirstOrDefault(c => c.IsWorldFunctions);
            StubClass? worldStub = world is null ? null : new StubClass(scope.Claim(_worldClass.Simple + "ExportsImpl"), world.Contract, false, world.Members, world.Factory);
            foreach (var state in _interfaces.Where(s => s.Exported))
            {
                foreach (var typeId in state.Interface.Types.Values)
                {
                    if (!_resources.TryGetValue((typeId, BindingSide.Export), out var resource) || ProjectionSide(typeId, BindingSide.Export) != BindingSide.Export) continue;
                    resources.Add(new StubClass(scope.Claim(resource.Name.Simple + "Impl"), resource.Name, true, resource.Functions, null));
                }
            }
            // printed in this order: contract implementations, resource subclasses, world functions
            var all = classes.Concat(resources).ToList();
            if (worldStub is not null) all.Add(worldStub);
            return new StubsBinding(_worldClass.RelativeTo(_root) + ".Stubs.cs", ValueArray.From(all));
        }

        /// <summary>The runtime parts the bindings use (the merge prints the union per namespace).</summary>
        private void DecideRuntime(List<FunctionBinding> functions, CodecSet codecs)
        {
            var types = new List<CsType>();
            foreach (var f in functions)
            {
                types.AddRange(f.Parameters.Select(p => p.Type));
                if (f.ResultType is not null) types.Add(f.ResultType);
                if (f.ThrownError is not null) _runtime.Exceptions = _runtime.Result = _runtime.Equality = true;
                if (f.Role == FunctionRole.GuestImport) _runtime.TestHost = _runtime.WasmImports = true;
            }
            var declarations = _interfaces.SelectMany(s => s.Types.Concat(s.ExportTypes)).Concat(_worldTypes).ToList();
            // the first declaration of each C# name decides whether a use of that name is a resource (a set, not a
            // search per use: a world of thousands of interfaces has tens of thousands of declarations)
            var firstByName = new Dictionary<CsName, TypeDeclaration>();
            foreach (var declaration in declarations)
            {
                if (!firstByName.ContainsKey(declaration.Name)) firstByName.Add(declaration.Name, declaration);
            }
            foreach (var declaration in declarations)
            {
                switch (declaration)
                {
                    case RecordDeclaration record:
                        types.AddRange(record.Fields.Select(f => f.Type));
                        if (record.CustomEquality) _runtime.Equality = true;
                        break;
                    case VariantDeclaration variant:
                        types.AddRange(variant.Cases.Where(c => c.Payload is not null).Select(c => c.Payload!));
                        if (variant.Cases.Any(c => c.DeepEquality)) _runtime.Equality = true;
                        break;
                    case ResourceDeclaration resource:
                        _runtime.Resources = _runtime.TestHost = _runtime.WasmImports = true;
                        if (resource.IsExported) _runtime.ExportAttributes = true;
                        break;
                }
            }
            types.AddRange(codecs.World.Concat(codecs.Interfaces.Values.SelectMany(l => l)).Select(c => c.CsType));
            if (_interfaces.Any(s => s.Exported) || functions.Any(f => f.Role == FunctionRole.GuestExport)) _runtime.ExportAttributes = true;

            var stack = new Stack<CsType>(types);
            var seen = new HashSet<CsType>();
            bool strings = false;
            while (stack.Count > 0)
            {
                var type = stack.Pop();
                if (!seen.Add(type)) continue;
                switch (type)
                {
                    case CsResultType result:
                        _runtime.Result = _runtime.Equality = _runtime.Exceptions = true;
                        stack.Push(result.Ok);
                        stack.Push(result.Error);
                        break;
                    case CsOptionType option:
                        _runtime.Option = _runtime.Equality = true;
                        stack.Push(option.Inner);
                        break;
                    case CsDeclaredType declared when firstByName.TryGetValue(declared.Name, out var first) && first is ResourceDeclaration:
                        _runtime.Resources = true;
                        break;
                    case CsPrimitiveType { Kind: CsPrimitive.String }:
                        strings = true;
                        break;
                    case CsArrayType array: stack.Push(array.Element); break;
                    case CsReadOnlySpanType span: stack.Push(span.Element); break;
                    case CsNullableType nullable: stack.Push(nullable.Inner); break;
                    case CsDictionaryType dictionary: stack.Push(dictionary.Key); stack.Push(dictionary.Value); break;
                    case CsTupleType tuple: foreach (var item in tuple.Items) stack.Push(item); break;
                    case CsTaskType { Result: { } awaited }: stack.Push(awaited); break;
                    case CsStreamType stream: stack.Push(stream.Element); break;
                    case CsFutureType future: stack.Push(future.Element); break;
                }
            }
            if (strings && _options.StringEncoding != StringEncoding.Utf8)
            {
                _runtime.Utf16Strings = true;
                if (_options.StringEncoding == StringEncoding.Latin1Utf16) _runtime.Latin1Utf16Strings = true;
            }
        }
    }
}
