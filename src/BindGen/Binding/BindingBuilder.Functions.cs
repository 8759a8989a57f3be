using System.Collections.Generic;
using System.Linq;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;
using WitTools.WitParser.Printing;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        /// <summary>
        /// Binds every imported function: freestanding functions of imported interfaces (static methods of the
        /// interface class), functions of imported resources (members of the resource class) and the world's own
        /// imports (static methods of the world class). Returns the world's freestanding imports.
        /// </summary>
        private List<FunctionBinding> BindFunctions()
        {
            var resourceFunctions = new Dictionary<(TypeId, BindingSide), List<FunctionBinding>>();
            void AddResourceFunction(TypeId resource, BindingSide projection, FunctionBinding binding)
            {
                if (!resourceFunctions.TryGetValue((resource, projection), out var list)) resourceFunctions[(resource, projection)] = list = new List<FunctionBinding>();
                list.Add(binding);
            }

            foreach (var state in _interfaces.Where(s => s.Imported))
            {
                foreach (var f in state.Interface.Functions.Values)
                {
                    if (f.Resource is { } r)
                    {
                        var projection = ProjectionSide(r, BindingSide.Import);
                        AddResourceFunction(r, projection, BindImport(f, state.ModuleName, ResourceMemberName(f, BindingSide.Import), state.AbiClass));
                    }
                    else
                    {
                        state.Imports.Add(BindImport(f, state.ModuleName, state.ImportNames[f], state.AbiClass));
                    }
                }
            }

            var world = new List<FunctionBinding>();
            foreach (var item in _world.Imports.Values)
            {
                if (item is not FunctionWorldItem fi) continue;
                var f = fi.Function;
                if (f.Resource is { } r) AddResourceFunction(r, ProjectionSide(r, BindingSide.Import), BindImport(f, "$root", ResourceMemberName(f, BindingSide.Import), _worldAbiClass));
                else world.Add(BindImport(f, "$root", _worldFunctionNames[(f, BindingSide.Import)], _worldAbiClass));
            }

            AttachResourceFunctions(resourceFunctions);
            return world;
        }

        /// <summary>The member name of a resource function of an imported resource ("" for the constructor, a C# constructor).</summary>
        private string ResourceMemberName(Function f, BindingSide side) => f.Kind == FunctionKind.Constructor ? "" : MethodName(f, side);

        /// <summary>
        /// Binds the exports: per exported interface its contract members (freestanding functions, constructors as
        /// <c>CreateR</c>, statics as <c>RStatic</c>) and a shim for every function (methods were bound with their
        /// resource), then the world's own exported functions (<c>IExports</c>).
        /// </summary>
        private List<ExportContract> BindExports()
        {
            var contracts = new List<ExportContract>();
            var resourceMethods = new Dictionary<(TypeId, BindingSide), List<FunctionBinding>>();
            foreach (var state in _interfaces.Where(s => s.Exported))
            {
                foreach (var f in state.Interface.Functions.Values)
                {
                    if (f.IsMethod)
                    {
                        // a method is an abstract member of the exported resource class
                        var method = BindExport(f, state, MethodName(f, BindingSide.Export));
                        var key = (f.Resource!.Value, ProjectionSide(f.Resource!.Value, BindingSide.Export));
                        if (!resourceMethods.TryGetValue(key, out var list)) resourceMethods[key] = list = new List<FunctionBinding>();
                        list.Add(method);
                        state.Exports.Add(method);
                        continue;
                    }
                    var binding = BindExport(f, state, state.ContractNames[f]);
                    state.ContractMembers.Add(binding);
                    state.Exports.Add(binding);
                }
                contracts.Add(Contract(state));
            }
            AttachResourceFunctions(resourceMethods);
            if (_worldExportsContract is not null)
            {
                var functions = new List<FunctionBinding>();
                foreach (var item in _world.Exports.Values)
                {
                    if (item is not FunctionWorldItem fe) continue;
                    functions.Add(BindFunction(fe.Function, FunctionRole.GuestExport, BindingSide.Export, _worldFunctionNames[(fe.Function, BindingSide.Export)],
                        fe.Function.Name, new ExportTarget(_worldClass, "__" + _worldExportsFactory), "", _worldAbiClass));
                }
                var first = _world.Exports.Values.OfType<FunctionWorldItem>().First();
                contracts.Add(new ExportContract(QualifiedWorldName(), _worldClass.Nested(_worldExportsContract), null, _worldExportsFactory!,
                    "__" + _worldExportsFactory, first.Span, ValueArray.From(functions), ValueArray.From(functions), IsWorldFunctions: true));
            }
            return contracts;
        }

        private ExportContract Contract(InterfaceState state) =>
            new(state.ModuleName, state.Contract, null, state.Factory!, "__" + state.Factory, state.ExportSpan,
                ValueArray.From(state.ContractMembers), ValueArray.From(state.Exports), IsWorldFunctions: false);

        private FunctionBinding BindImport(Function f, string module, string memberName, CsName codecHome) =>
            WithDispatch(f, module, BindFunction(f, FunctionRole.GuestImport, BindingSide.Import, memberName, module, null,
                "__Import" + (f.Kind == FunctionKind.Constructor ? "Constructor" : memberName), codecHome));

        /// <summary>A function of an exported interface: its shim is claimed in the world class (<c>__Export_Iface_Member</c>).</summary>
        private FunctionBinding BindExport(Function f, InterfaceState state, string memberName)
        {
            var target = f.IsMethod ? new ExportTarget(_worldClass, null) : new ExportTarget(_worldClass, "__" + state.Factory);
            return BindFunction(f, FunctionRole.GuestExport, BindingSide.Export, memberName, state.ModuleName + "#" + f.Name, target,
                state.Class.Simple + "_", state.AbiClass);
        }

        /// <param name="core">Imports: the import module; exports: the core export's name.</param>
        /// <param name="coreMethod">Imports: the extern's name; exports: the prefix of the shim's name.</param>
        private FunctionBinding BindFunction(Function f, FunctionRole role, BindingSide context, string memberName, string core, ExportTarget? target,
            string coreMethod, CsName codecHome)
        {
            bool import = role == FunctionRole.GuestImport;
            var abiFunction = _abi.Function(f);
            var plan = AbiPlanner.Plan(abiFunction, import ? AbiConvention.Lower : AbiConvention.Lift, _options.StringEncoding, PlanSharing.NamedTypes);
            if (plan.Error is not null) throw Fail(f.Span, $"function `{f.Name}`: {plan.Error}");
            var signature = plan.Signature!;

            var scope = new NameScope(null);
            var parameters = new List<ParameterBinding>();
            for (int i = f.IsMethod ? 1 : 0; i < f.Params.Count; i++)
            {
                var type = abiFunction.Params[i].Type;
                // lists of numbers an import takes are spans, pinned and passed in place
                bool pinned = import && type.Kind == AbiTypeKind.List && plan.Params[i].Plan is ListPlan { IsCanonical: true };
                var cs = pinned ? new CsReadOnlySpanType(CsTypeOf(type.Element!, context)) : CsTypeOf(type, context);
                parameters.Add(new ParameterBinding(f.Params[i].Name, scope.Claim(CSharpNames.Camel(f.Params[i].Name)), cs, pinned));
            }

            var result = abiFunction.Result;
            // fallible constructors of imported resources always throw: a C# constructor cannot return a Result
            bool throws = result is { Kind: AbiTypeKind.Result }
                          && (_options.ResultMapping == ResultMapping.Exceptions || (import && f.Kind == FunctionKind.Constructor));
            CsType? @return = result is null ? null
                : throws ? (result.Cases[0].Type is { } ok ? CsTypeOf(ok, context) : null)
                : CsTypeOf(result, context);
            CsType? thrown = throws ? Payload(result!.Cases[1].Type, context) : null;

            CanonicalBuiltin builtin;
            CanonicalBuiltin? postReturn = null;
            string method;
            string? postMethod = null;
            CallOwnership ownership;
            bool argumentPointers = abiFunction.Params.Any(p => p.Type.HasPointers);
            if (import)
            {
                builtin = new CanonicalBuiltin(BuiltinKind.ImportedFunction, core, f.Name, signature);
                _builtins.Add(builtin);
                method = coreMethod;
                ownership = new CallOwnership(
                    ParamsArea: plan.ParamsLocation == ParamsLocation.ParamsPointer ? Allocation.CallCleanup : Allocation.None,
                    LoweredArguments: argumentPointers ? Allocation.CallCleanup : Allocation.None,
                    ResultArea: plan.ResultLocation == ResultLocation.OutPointer ? Allocation.CallerStack : Allocation.None,
                    LoweredResult: Allocation.None,
                    LiftedBuffers: result is { HasPointers: true } ? Allocation.FreedAfterLifting : Allocation.None,
                    DropsBorrowedHandles: false);
            }
            else
            {
                builtin = new CanonicalBuiltin(BuiltinKind.ExportedFunction, "", core, signature);
                _builtins.Add(builtin);
                string member = f.IsMethod ? DeclarationName(f.Resource!.Value, BindingSide.Export).Simple + "_" + memberName : memberName;
                method = _worldScope.Claim("__Export_" + coreMethod + member);
                bool keepsHandles = result is not null && AsyncAbi.HasErrorContext(result);
                if (plan.NeedsPostReturn || plan.ResultLocation == ResultLocation.ReturnedPointer || keepsHandles)
                {
                    postReturn = CanonicalBuiltin.PostReturn(core, signature);
                    postMethod = method + "Post";
                    _builtins.Add(postReturn);
                }
                ownership = new CallOwnership(
                    ParamsArea: plan.ParamsLocation == ParamsLocation.ParamsPointer ? Allocation.FreedAfterLifting : Allocation.None,
                    LoweredArguments: Allocation.None,
                    ResultArea: plan.ResultLocation == ResultLocation.ReturnedPointer ? Allocation.PostReturn : Allocation.None,
                    LoweredResult: result is { HasPointers: true } ? Allocation.PostReturn : Allocation.None,
                    LiftedBuffers: argumentPointers ? Allocation.FreedAfterLifting : Allocation.None,
                    DropsBorrowedHandles: abiFunction.Params.Any(p => HasImportedBorrow(p.Type, context))) { KeepsHandles = keepsHandles };
            }

            var shape = f.Kind switch
            {
                FunctionKind.Constructor => FunctionShape.Constructor,
                _ when f.IsMethod => FunctionShape.Method,
                _ when f.IsStatic => FunctionShape.Static,
                _ => FunctionShape.Freestanding,
            };
            var binding = new FunctionBinding(f.Name, WitPrinter.PrintFunctionType(_resolve, f), Docs(f.Docs), f.Span, role, shape, context, memberName,
                ValueArray.From(parameters), @return, thrown, result is null ? null : CsTypeOf(result, context), plan, builtin, method, postReturn, postMethod,
                target, ownership, codecHome) { Obsolete = Deprecation(f.Stability, "function", FunctionMessageName(f, role, core)) };
            return f.IsAsync ? Asyncify(binding) : binding;
        }

        private readonly Dictionary<(AbiType, BindingSide), bool> _importedBorrows = new();

        /// <summary>Whether lifting <paramref name="type"/> on <paramref name="side"/> yields borrowed handles of imported
        /// resources, which an export must drop before it returns.</summary>
        private bool HasImportedBorrow(AbiType type, BindingSide side)
        {
            if (_importedBorrows.TryGetValue((type, side), out var known)) return known;
            bool result = type.Kind == AbiTypeKind.Borrow
                ? ProjectionSide(ResourceOf(type), side) == BindingSide.Import
                : type.Children().Any(child => HasImportedBorrow(child, side));
            return _importedBorrows[(type, side)] = result;
        }
    }
}
