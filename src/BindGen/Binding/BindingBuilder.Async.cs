using System.Collections.Generic;
using System.Linq;
using System.Text;
using WitTools.BindGen.Abi;
using WitTools.WitParser.Model;

namespace WitTools.BindGen.Binding;

public static partial class BindingBuilder
{
    private sealed partial class Builder
    {
        /// <summary>The stem of a function's C# member: async functions end in <c>Async</c>, as .NET names task-returning methods.</summary>
        private static string MemberStem(Function f, string pascal) => f.IsAsync ? pascal + "Async" : pascal;

        /// <summary>
        /// Turns the binding of an <c>async func</c> (built like a sync one) into its async form: the <c>[async-lower]</c>
        /// import or the <c>[async-lift]</c> export with its callback and <c>task.return</c>; a task-returning C# member with a
        /// trailing <c>CancellationToken</c>; memory that lives until the callee started / returned.
        /// </summary>
        private FunctionBinding Asyncify(FunctionBinding binding)
        {
            var plan = binding.Plan;
            var signature = plan.Signature!;
            _builtins.Remove(binding.Core);
            if (binding.PostReturn is not null) _builtins.Remove(binding.PostReturn);
            string cancellation = "cancellationToken";
            for (int n = 2; binding.Parameters.Any(p => p.Name == cancellation); n++) cancellation = "cancellationToken" + n;
            var parameters = ValueArray.From(binding.Parameters.Append(new ParameterBinding("", cancellation, CsCancellationTokenType.Instance, false)));
            var result = plan.Function.Result;
            if (binding.Role == FunctionRole.GuestImport)
            {
                var core = AsyncBuiltins.AsyncImport(binding.Core.Module, binding.Core.Name, signature);
                _builtins.Add(core);
                return binding with
                {
                    Core = core,
                    Parameters = parameters,
                    Return = new CsTaskType(binding.Return),
                    Ownership = new CallOwnership(
                        ParamsArea: plan.ParamsLocation == ParamsLocation.ParamsPointer ? Allocation.UntilStarted : Allocation.None,
                        LoweredArguments: plan.Function.Params.Any(p => p.Type.HasPointers) ? Allocation.UntilStarted : Allocation.None,
                        ResultArea: plan.ResultLocation == ResultLocation.OutPointer ? Allocation.UntilReturned : Allocation.None,
                        LoweredResult: Allocation.None,
                        LiftedBuffers: result is { HasPointers: true } ? Allocation.FreedAfterLifting : Allocation.None,
                        DropsBorrowedHandles: false),
                    Async = new AsyncFunctionBinding(binding.Return, cancellation, result is null ? null : binding.CoreMethod + "Result",
                        null, null, null, null, null),
                };
            }

            string exportName = binding.Core.Name;
            var export = AsyncBuiltins.AsyncExport(exportName, signature);
            var callback = AsyncBuiltins.Callback(exportName);
            var taskReturn = AsyncBuiltins.TaskReturn(ExportModule(exportName), binding.WitName, signature.TaskReturn!);
            _builtins.Add(export);
            _builtins.Add(callback);
            _builtins.Add(taskReturn);
            return binding with
            {
                Core = export,
                Parameters = parameters,
                Return = new CsTaskType(binding.Return),
                PostReturn = null,
                PostReturnMethod = null,
                Ownership = binding.Ownership with
                {
                    ResultArea = plan.ResultLocation == ResultLocation.TaskReturnPointer ? Allocation.UntilTaskReturned : Allocation.None,
                    LoweredResult = result is { HasPointers: true } ? Allocation.UntilTaskReturned : Allocation.None,
                },
                Async = new AsyncFunctionBinding(binding.Return, cancellation, null,
                    taskReturn, _worldScope.Claim(binding.CoreMethod + "Return"),
                    callback, _worldScope.Claim(binding.CoreMethod + "Callback"),
                    _worldScope.Claim(binding.CoreMethod + "Body")),
            };
        }

        /// <summary>The module of built-ins about an export's function: <c>ns:pkg/iface</c> of <c>ns:pkg/iface#f</c>, else <c>$root</c>.</summary>
        private static string ExportModule(string exportName)
        {
            int hash = exportName.LastIndexOf('#');
            return hash >= 0 ? exportName.Substring(0, hash) : AsyncBuiltins.RootModule;
        }

        /// <summary>The C# type of a future, stream or error-context value.</summary>
        private CsType AsyncCsType(AbiType type, BindingSide side) => type.Kind switch
        {
            AbiTypeKind.Stream => new CsStreamType(type.Element is null ? CsTupleType.Unit : CsTypeOf(type.Element, side)),
            AbiTypeKind.Future => new CsFutureType(type.Element is null ? CsTupleType.Unit : CsTypeOf(type.Element, side)),
            _ => CsErrorContextType.Instance,
        };

        /// <summary>
        /// The async parts of the world: one vtable per stream and future payload type (keyed by its C# element type, named
        /// by the first function numbering it, with element codecs in the world's <c>Abi</c> class), the error-context
        /// built-ins, the runtime's instance-wide built-ins, and the runtime parts. Null when the world uses none of it.
        /// </summary>
        private AsyncWorldBinding? BindAsync(List<FunctionBinding> functions, CodecSet codecs)
        {
            var valueTypes = new List<AsyncValueTypeBinding>();
            var byKey = new Dictionary<(AsyncValueKind, CsType), (AsyncValueTypeBinding Binding, string Shape, FunctionBinding Function, AbiType Type)>();
            bool usesErrorContext = false;
            var worldHome = new CodecHome(_worldAbiClass, _worldAbiScope!, null, false, BindingSide.Import);
            var pending = new List<CodecBinding>();
            foreach (var f in functions)
            {
                var abi = f.Plan.Function;
                foreach (var type in abi.Params.Select(p => p.Type).Concat(abi.Result is null ? Enumerable.Empty<AbiType>() : new[] { abi.Result }))
                    usesErrorContext |= type.HasErrorContext;
                string module = f.Role == FunctionRole.GuestImport ? f.Core.Module : AsyncBuiltins.ExportPrefix + ExportModule(ExportName(f));
                foreach (var value in AsyncAbi.AsyncValues(abi))
                {
                    var elementType = value.Element is null ? CsTupleType.Unit : CsTypeOf(value.Element, f.Context);
                    string shape = Shape(value.Element);
                    if (byKey.TryGetValue((value.Kind, elementType), out var known))
                    {
                        if (known.Shape != shape)
                            throw Fail(f.Span, $"function `{f.WitName}`: `{value.Type}` and `{known.Type}` of function `{known.Function.WitName}` have " +
                                               "different payload types that map to the same C# type, which the C# bindings cannot tell apart");
                        continue;
                    }
                    var kinds = value.Kind == AsyncValueKind.Stream ? AsyncBuiltins.StreamKinds : AsyncBuiltins.FutureKinds;
                    var builtins = kinds.Select(k => AsyncBuiltins.AsyncValue(k, module, f.WitName, value.Index)).ToList();
                    _builtins.AddRange(builtins);
                    string cls = _worldAbiScope!.Claim((value.Kind == AsyncValueKind.Stream ? "Stream" : "Future") + (value.Element is null ? "" : Describe(value.Element)));
                    TypePlan? lift = null, lower = null;
                    if (value.Element is { } element)
                    {
                        lift = PlanCodec(element, PlanDirection.Lift);
                        lower = PlanCodec(element, PlanDirection.Lower);
                        FindShared(lift.Root, f.Context, worldHome, pending, codecs);
                        FindShared(lower.Root, f.Context, worldHome, pending, codecs);
                        usesErrorContext |= element.HasErrorContext;
                    }
                    var binding = new AsyncValueTypeBinding(value.Kind, _worldAbiClass.Nested(cls), value.Element, elementType, f.Context,
                        value.ElementSize, value.ElementAlign, value.Element is not null && IsCanonicalElement(value.Element),
                        ValueArray.From(builtins), lift, lower, _worldAbiClass);
                    valueTypes.Add(binding);
                    byKey[(value.Kind, elementType)] = (binding, shape, f, value.Type);
                }
            }
            // the codecs the element plans need, and what those need in turn
            for (int i = 0; i < pending.Count; i++) FindShared(pending[i].Plan.Root, pending[i].Context, worldHome, pending, codecs);

            foreach (var declaration in _interfaces.SelectMany(s => s.Types.Concat(s.ExportTypes)).Concat(_worldTypes))
                if (declaration.Origin is { } origin && _abi.Type(origin).HasErrorContext) usesErrorContext = true;

            bool asyncFunctions = functions.Any(f => f.Async is not null);
            if (!asyncFunctions && valueTypes.Count == 0 && !usesErrorContext) return null;

            ErrorContextBinding? errorContext = null;
            if (usesErrorContext)
            {
                var encoding = _options.StringEncoding;
                errorContext = new ErrorContextBinding(_worldAbiClass.Nested(_worldAbiScope!.Claim("ErrorContext")),
                    AsyncBuiltins.ErrorContext(BuiltinKind.ErrorContextNew, encoding),
                    AsyncBuiltins.ErrorContext(BuiltinKind.ErrorContextDebugMessage, encoding),
                    AsyncBuiltins.ErrorContext(BuiltinKind.ErrorContextDrop, encoding),
                    encoding);
                _builtins.Add(errorContext.New);
                _builtins.Add(errorContext.DebugMessage);
                _builtins.Add(errorContext.Drop);
                _runtime.ErrorContext = true;
                if (encoding != StringEncoding.Utf8)
                {
                    _runtime.Utf16Strings = true;
                    if (encoding == StringEncoding.Latin1Utf16) _runtime.Latin1Utf16Strings = true;
                }
            }
            if (asyncFunctions || valueTypes.Count > 0)
            {
                _runtime.Async = true;
                _builtins.AddRange(AsyncBuiltins.RuntimeImports);
            }
            _runtime.TestHost = _runtime.WasmImports = true;
            _runtime.Streams |= valueTypes.Any(v => v.Kind == AsyncValueKind.Stream);
            _runtime.ByteStreams |= valueTypes.Any(v => v.Kind == AsyncValueKind.Stream && v.Element is { Kind: AbiTypeKind.U8 });
            _runtime.Futures |= valueTypes.Any(v => v.Kind == AsyncValueKind.Future);
            return new AsyncWorldBinding(ValueArray.From(valueTypes), errorContext, _worldScope.Claim("__RegisterAsyncTypes"));
        }

        /// <summary>The core export name of an exported function binding (sync or async).</summary>
        private static string ExportName(FunctionBinding f) =>
            f.Async?.Callback is { } callback ? callback.Name.Substring("[callback][async-lift]".Length) : f.Core.Name;

        private static bool IsCanonicalElement(AbiType element) => element.Kind is AbiTypeKind.U8 or AbiTypeKind.S8 or AbiTypeKind.U16 or AbiTypeKind.S16
            or AbiTypeKind.U32 or AbiTypeKind.S32 or AbiTypeKind.U64 or AbiTypeKind.S64 or AbiTypeKind.F32 or AbiTypeKind.F64;

        /// <summary>A structural description of a payload type that tells apart types the ABI treats differently: named types
        /// by their definition, anonymous ones by their structure (so <c>list&lt;u8&gt;</c> and <c>list&lt;u8, 4&gt;</c> differ).</summary>
        private static bool IsNominal(AbiTypeKind kind) => kind is AbiTypeKind.Record or AbiTypeKind.Variant or AbiTypeKind.Enum
            or AbiTypeKind.Flags or AbiTypeKind.Own or AbiTypeKind.Borrow;

        private static string Shape(AbiType? type)
        {
            if (type is null) return "_";
            var sb = new StringBuilder();
            var stack = new Stack<object>();
            stack.Push(type);
            while (stack.Count > 0)
            {
                var item = stack.Pop();
                if (item is string text)
                {
                    sb.Append(text);
                    continue;
                }
                var t = (AbiType)item;
                // records, variants, enums, flags and handles are nominal in C#; a named result, option, tuple, list or
                // number (`type a = result<u8, u32>`) is its structure, in C# as in the component model's type equality
                if (t.Origin is { } origin && t.Name is not null && IsNominal(t.Kind))
                {
                    sb.Append(t.Name).Append('#').Append(origin.Index);
                    continue;
                }
                sb.Append(t.Kind).Append(t.Kind == AbiTypeKind.FixedList ? "[" + t.Length + "]" : "").Append('(');
                stack.Push(")");
                var children = t.Children().ToList();
                for (int i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                    if (i > 0) stack.Push(",");
                }
            }
            return sb.ToString();
        }
    }
}
