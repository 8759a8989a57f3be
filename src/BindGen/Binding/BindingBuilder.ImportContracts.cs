using System.Collections.Generic;
using System.Linq;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        /// <summary>Per imported function that is not a method: its import contract and member name.</summary>
        private readonly Dictionary<Function, (CsName Contract, string Member)> _hostMembers = new();
        private readonly Dictionary<InterfaceId, CsName> _hostContracts = new();
        private CsName? _worldHostContract;

        /// <summary>The binding of every guest import, by WIT function (the members of the import contracts).</summary>
        private readonly Dictionary<Function, FunctionBinding> _importBindings = new();

        /// <summary>
        /// The import contracts' names (<see cref="ImportContract"/>). <c>IHost</c> is claimed in every interface class
        /// after every other name of it (types, <c>I&lt;Iface&gt;</c>, functions, <c>Exports</c>, <c>Abi</c>), in every
        /// world alike, so adding it renamed nothing; in the world class after <c>Abi</c>, when the world imports
        /// functions of its own. Members are named in a scope per contract, in WIT order, like the export contracts'.
        /// </summary>
        private void NameImportContracts()
        {
            foreach (var state in _interfaces)
            {
                string host = state.Scope.Claim(ResourceMembers.Contract);
                var contract = state.Class.Nested(host);
                _hostContracts[state.Id] = contract;
                var scope = new NameScope(host);
                foreach (var f in state.Interface.Functions.Values)
                    if (!f.IsMethod) _hostMembers[f] = (contract, scope.Claim(ContractMemberName(f)));
            }
            var worldFunctions = _world.Imports.Values.OfType<FunctionWorldItem>().Select(i => i.Function).Where(f => !f.IsMethod).ToList();
            if (worldFunctions.Count == 0) return;
            string worldHost = _worldScope.Claim(ResourceMembers.Contract);
            _worldHostContract = _worldClass.Nested(worldHost);
            var worldScope = new NameScope(worldHost);
            foreach (var f in worldFunctions) _hostMembers[f] = (_worldHostContract, worldScope.Claim(ContractMemberName(f)));
        }

        /// <summary>The member name of a function in a contract (export or import): <c>F</c>, <c>CreateR</c>, <c>RStatic</c>
        /// (<c>FAsync</c> for an <c>async func</c>).</summary>
        private string ContractMemberName(Function f)
        {
            if (f.Resource is not { } r) return MemberStem(f, CSharpNames.Pascal(f.Name));
            string cls = ResourceClassName(r);
            return f.Kind == FunctionKind.Constructor ? "Create" + cls : MemberStem(f, cls + CSharpNames.Pascal(f.ItemName));
        }

        /// <summary>Where an import goes outside a component; remembers the binding for its contract.</summary>
        private FunctionBinding WithDispatch(Function f, string module, FunctionBinding binding)
        {
            string import = (module == "$root" ? QualifiedWorldName() : module) + "#" + f.Name;
            var parameters = ContractParameters(binding.Parameters);
            ImportDispatch dispatch;
            if (_hostMembers.TryGetValue(f, out var member))
            {
                dispatch = new ImportDispatch(import, member.Contract, member.Member, FromSelf: false, parameters);
            }
            else
            {
                var resource = DeclarationName(f.Resource!.Value, BindingSide.Import);
                dispatch = new ImportDispatch(import, resource.Nested(ResourceMembers.Contract), binding.MemberName, FromSelf: true, parameters);
            }
            var bound = binding with { Dispatch = dispatch };
            _importBindings[f] = bound;
            return bound;
        }

        /// <summary>The parameters of an import contract member (guest and host alike): the import's, with a pinned
        /// <c>ReadOnlySpan&lt;T&gt;</c> of numbers as <c>T[]</c>, so contracts hold no ref struct.</summary>
        private static ValueArray<ParameterBinding> ContractParameters(ValueArray<ParameterBinding> import) =>
            ValueArray.From(import.Select(p => p.Type is CsReadOnlySpanType span ? p with { Type = new CsArrayType(span.Element), Pinned = false } : p));

        /// <summary>The contract of an imported interface: its freestanding functions, constructors and statics (null
        /// when the world does not import it, or it has none).</summary>
        private ImportContract? InterfaceHost(InterfaceState state)
        {
            if (!state.Imported) return null;
            var members = state.Interface.Functions.Values.Where(f => !f.IsMethod).Select(f => _importBindings[f]).ToList();
            return members.Count == 0 ? null : new ImportContract(state.ModuleName, _hostContracts[state.Id], ValueArray.From(members), IsResource: false);
        }

        /// <summary>The contract of the world's own imported functions (null when there are none).</summary>
        private ImportContract? WorldHost()
        {
            if (_worldHostContract is null) return null;
            var members = _world.Imports.Values.OfType<FunctionWorldItem>().Select(i => i.Function).Where(f => !f.IsMethod).Select(f => _importBindings[f]);
            return new ImportContract(QualifiedWorldName(), _worldHostContract, ValueArray.From(members), IsResource: false);
        }

        /// <summary>An imported resource with its contract <c>R.IHost</c> (its methods); an exported one as it is.</summary>
        private ResourceDeclaration WithHost(ResourceDeclaration resource)
        {
            if (resource.IsExported) return resource;
            var methods = resource.Functions.Where(f => f.IsMethod);
            return resource with
            {
                Host = new ImportContract((resource.ExportName == "$root" ? QualifiedWorldName() : resource.ExportName) + "#" + resource.WitName, resource.Name.Nested(ResourceMembers.Contract), ValueArray.From(methods), IsResource: true),
            };
        }
    }
}
