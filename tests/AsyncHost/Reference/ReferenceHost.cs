using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WitTools.AsyncHost.Canon;
using WitTools.BindGen.Abi;
using WitTools.BindGen.Binding;

namespace WitTools.AsyncHost.Reference;

/// <summary>
/// The reference tier: the same guests as the <see cref="Emulator"/>, with every built-in and import they call forwarded to
/// the spec's definitions.py (run by <c>bridge.py</c> in a python3 process), linear memories synchronized per message. One
/// process serves many runs; each run starts from fresh instances and a fresh store.
/// </summary>
public sealed class ReferenceHost : IDisposable
{
    private const int Page = 4096;
    private readonly Process _python;
    private readonly StringBuilder _stderr = new();
    private readonly Dictionary<string, GuestInstance> _guests = new();
    private readonly Dictionary<string, byte[]> _shadows = new();
    private CallTrace _trace = new();
    private string? _firstTrap;

    public ReferenceHost(string definitionsPy)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add(Path.Combine(Here(), "bridge.py"));
        info.ArgumentList.Add(definitionsPy);
        _python = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        _python.StandardInput.AutoFlush = true;
        _python.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data);
        };
        _python.BeginErrorReadLine();
    }

    private static string Here([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    /// <summary>The revision of definitions.py the reference tier was written against (component-model 6d28164).</summary>
    public const string DefinitionsSha256 = "e1c610d3722bc93d1e1742a0a551d3e0933c0c0161f30ace000e0e9bc0f18419";

    public const string SpecCommit = "6d281648bd89caf885a7adcc412962dbd2425ab7";

    /// <summary>
    /// definitions.py of component-model <see cref="SpecCommit"/>, outside the repository: <c>$WITTOOLS_CANONICAL_ABI</c> (the
    /// file, or a component-model checkout), else the user cache (<c>~/.cache/wittools/component-model-6d28164</c>), which the
    /// first run fills with <c>git clone</c> of https://github.com/WebAssembly/component-model at that commit (or of
    /// <c>$WITTOOLS_COMPONENT_MODEL_GIT</c>). Its SHA-256 is checked.
    /// </summary>
    public static string LocateDefinitions()
    {
        const string Relative = "design/mvp/canonical-abi/definitions.py";
        string? configured = Environment.GetEnvironmentVariable("WITTOOLS_CANONICAL_ABI");
        string path;
        if (!string.IsNullOrEmpty(configured))
        {
            path = Directory.Exists(configured) ? Path.Combine(configured, Relative) : configured;
        }
        else
        {
            string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            string checkout = Path.Combine(cache, "wittools", "component-model-" + SpecCommit.Substring(0, 7));
            path = Path.Combine(checkout, Relative);
            if (!File.Exists(path)) Clone(checkout);
        }
        if (!File.Exists(path)) throw new InvalidOperationException("definitions.py not found at " + path + " (set WITTOOLS_CANONICAL_ABI to it or to a component-model checkout)");
        string sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
        if (sha != DefinitionsSha256)
            throw new InvalidOperationException(path + " is not definitions.py of component-model " + SpecCommit + " (SHA-256 " + sha + ")");
        return path;
    }

    private static void Clone(string checkout)
    {
        string source = Environment.GetEnvironmentVariable("WITTOOLS_COMPONENT_MODEL_GIT") is { Length: > 0 } git ? git : "https://github.com/WebAssembly/component-model";
        string temp = checkout + ".tmp-" + Environment.ProcessId;
        if (Directory.Exists(temp)) Directory.Delete(temp, true);
        Run("git", Path.GetDirectoryName(checkout)!, "clone", "--quiet", "--no-checkout", source, temp);
        Run("git", temp, "checkout", "--quiet", SpecCommit);
        try
        {
            Directory.Move(temp, checkout);
        }
        catch (IOException) when (Directory.Exists(checkout))
        {
            Directory.Delete(temp, true); // another process got there first
        }
    }

    private static void Run(string program, string directory, params string[] args)
    {
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException(program + " " + string.Join(" ", args) + " failed (set WITTOOLS_CANONICAL_ABI to a component-model checkout instead):\n" + output);
    }

    // ---------------------------------------------------------------- a run

    /// <summary>Runs export <paramref name="export"/> of <paramref name="topInstance"/> with string arguments on fresh
    /// instances of <paramref name="guests"/>, the spec's definitions.py doing the host's part.</summary>
    public RunOutcome Run(IReadOnlyList<(string Name, GuestAssembly Guest)> guests, string topInstance, string export, string[] args, ulong seed, bool deterministic = false)
    {
        _trace = new CallTrace();
        _firstTrap = null;
        foreach (var g in _guests.Values) g.Dispose();
        _guests.Clear();
        _shadows.Clear();
        foreach (var (name, guest) in guests)
        {
            var loaded = guest.Load();
            _guests[name] = loaded;
            _shadows[name] = new byte[loaded.Memory.Length];
            string instance = name;
            loaded.Handler = (module, field, a) => Import(instance, module, field, a);
        }
        Send(Setup(guests, seed, deterministic));
        var ok = Receive();
        if (ok["op"]!.GetValue<string>() != "ok") throw Broken("setup answered " + ok.ToJsonString());

        var top = guests.Single(g => g.Name == topInstance);
        var f = GuestInstance.ExportedFunctions(top.Guest.World).Single(x => Emulator.ExportName(x) == export);
        Send(new JsonObject
        {
            ["op"] = "run",
            ["target"] = Target(topInstance, top.Guest.World, f),
            ["args"] = new JsonArray(args.Select(a => (JsonNode)a).ToArray()),
            ["memory"] = Changes(),
        });
        while (true)
        {
            var message = Receive();
            string op = message["op"]!.GetValue<string>();
            if (op == "call")
            {
                ServeCall(message);
                continue;
            }
            if (op != "done") throw Broken("unexpected " + message.ToJsonString());
            string? result = message["result"]?.GetValue<string>();
            string? trap = message["trap"]?.GetValue<string>();
            var handles = ((JsonObject)message["handles"]!).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<int>());
            return new RunOutcome(result is null ? null : "\"" + result + "\"", trap is null ? _firstTrap : _firstTrap ?? trap,
                message["ticks"]!.GetValue<int>(), _trace.Lines.ToList(),
                _guests.ToDictionary(g => g.Key, g => g.Value.LiveAllocations.Count), handles, message["draws"]!.GetValue<int>());
        }
    }

    private JsonObject Setup(IReadOnlyList<(string Name, GuestAssembly Guest)> guests, ulong seed, bool deterministic)
    {
        var instances = new JsonArray();
        var resources = new JsonArray();
        var imports = new JsonArray();
        var exports = new Dictionary<string, (string Instance, WorldBinding World, FunctionBinding F)>(StringComparer.Ordinal);
        foreach (var (name, guest) in guests)
        {
            instances.Add(new JsonObject
            {
                ["name"] = name,
                ["memory"] = _guests[name].Memory.Length,
                ["encoding"] = StringEncodings.CanonicalName(guest.World.Options.StringEncoding),
            });
            foreach (var r in GuestInstance.ExportedResources(guest.World))
                resources.Add(new JsonObject { ["id"] = r.Origin.Index, ["impl"] = name, ["dtor"] = r.Destructor!.Name });
            foreach (var f in GuestInstance.ExportedFunctions(guest.World)) exports[Emulator.ExportName(f)] = (name, guest.World, f);
        }
        foreach (var (name, guest) in guests)
        {
            var world = guest.World;
            foreach (var b in world.Builtins.Where(b => !b.IsExport))
            {
                var j = new JsonObject { ["instance"] = name, ["module"] = b.Module, ["name"] = b.Name };
                var function = Imports.Function(world, b.Module, b.Name);
                if (function is not null)
                {
                    var target = exports[Emulator.ImportTarget(function)];
                    j["kind"] = "lower";
                    j["target"] = Target(target.Instance, target.World, target.F);
                    j["opts"] = new JsonObject { ["async"] = function.Async is not null };
                }
                else
                {
                    var builtin = Imports.Builtin(world, b.Module, b.Name);
                    j["kind"] = "builtin";
                    j["canon"] = builtin.Canon;
                    j["async"] = builtin.Async;
                    j["type"] = builtin.Canon == "task.return" ? TypeJson(builtin.TaskReturnResult) : TypeJson(builtin.Payload);
                    if (builtin.Resource is { } resource) j["resource"] = resource.Index;
                }
                imports.Add(j);
            }
        }
        return new JsonObject
        {
            ["op"] = "setup",
            ["seed"] = seed,
            ["deterministic"] = deterministic,
            ["instances"] = instances,
            ["resources"] = resources,
            ["imports"] = imports,
        };
    }

    private static JsonObject Target(string instance, WorldBinding world, FunctionBinding f)
    {
        var abi = f.Plan.Function;
        return new JsonObject
        {
            ["instance"] = instance,
            ["export"] = f.Core.Name,
            ["ft"] = new JsonObject
            {
                ["params"] = new JsonArray(abi.Params.Select(p => TypeJson(p.Type)).ToArray()),
                ["result"] = TypeJson(abi.Result),
                ["async"] = abi.IsAsync,
            },
            ["opts"] = new JsonObject
            {
                ["async"] = f.Async is not null,
                ["callback"] = f.Async?.Callback?.Name,
                ["post_return"] = f.PostReturn?.Name,
            },
        };
    }

    /// <summary>A type as bridge.py builds definitions.py's ValType from it.</summary>
    public static JsonNode? TypeJson(AbiType? t)
    {
        if (t is null) return null;
        string? simple = t.Kind switch
        {
            AbiTypeKind.Bool => "bool",
            AbiTypeKind.U8 => "u8",
            AbiTypeKind.U16 => "u16",
            AbiTypeKind.U32 => "u32",
            AbiTypeKind.U64 => "u64",
            AbiTypeKind.S8 => "s8",
            AbiTypeKind.S16 => "s16",
            AbiTypeKind.S32 => "s32",
            AbiTypeKind.S64 => "s64",
            AbiTypeKind.F32 => "f32",
            AbiTypeKind.F64 => "f64",
            AbiTypeKind.Char => "char",
            AbiTypeKind.String => "string",
            AbiTypeKind.ErrorContext => "error-context",
            _ => null,
        };
        if (simple is not null) return new JsonObject { ["k"] = simple };
        JsonArray Named(IEnumerable<(string Name, AbiType? Type)> items) =>
            new(items.Select(i => (JsonNode)new JsonArray(i.Name, TypeJson(i.Type))).ToArray());
        return t.Kind switch
        {
            AbiTypeKind.List => new JsonObject { ["k"] = "list", ["t"] = TypeJson(t.Element) },
            AbiTypeKind.FixedList => new JsonObject { ["k"] = "fixed-list", ["t"] = TypeJson(t.Element), ["n"] = t.Length },
            AbiTypeKind.Map => new JsonObject { ["k"] = "map", ["key"] = TypeJson(t.Key), ["value"] = TypeJson(t.Value) },
            AbiTypeKind.Record => new JsonObject { ["k"] = "record", ["fields"] = Named(t.Fields.Select(f => (f.Name, (AbiType?)f.Type))) },
            AbiTypeKind.Tuple => new JsonObject { ["k"] = "tuple", ["types"] = new JsonArray(t.Fields.Select(f => TypeJson(f.Type)).ToArray()) },
            AbiTypeKind.Variant => new JsonObject { ["k"] = "variant", ["cases"] = Named(t.Cases.Select(c => (c.Name, c.Type))) },
            AbiTypeKind.Enum => new JsonObject { ["k"] = "enum", ["labels"] = new JsonArray(t.Cases.Select(c => (JsonNode)c.Name).ToArray()) },
            AbiTypeKind.Option => new JsonObject { ["k"] = "option", ["t"] = TypeJson(t.Cases[1].Type) },
            AbiTypeKind.Result => new JsonObject { ["k"] = "result", ["ok"] = TypeJson(t.Cases[0].Type), ["error"] = TypeJson(t.Cases[1].Type) },
            AbiTypeKind.Flags => new JsonObject { ["k"] = "flags", ["labels"] = new JsonArray(t.FlagNames.Select(n => (JsonNode)n).ToArray()) },
            AbiTypeKind.Own => new JsonObject { ["k"] = "own", ["resource"] = t.Resource!.Value.Index },
            AbiTypeKind.Borrow => new JsonObject { ["k"] = "borrow", ["resource"] = t.Resource!.Value.Index },
            AbiTypeKind.Stream => new JsonObject { ["k"] = "stream", ["t"] = TypeJson(t.Element) },
            AbiTypeKind.Future => new JsonObject { ["k"] = "future", ["t"] = TypeJson(t.Element) },
            _ => throw new InvalidOperationException("no reference form for " + t),
        };
    }

    // ---------------------------------------------------------------- messages

    private void ServeCall(JsonObject message)
    {
        string instance = message["instance"]!.GetValue<string>();
        string name = message["name"]!.GetValue<string>();
        var args = ((JsonArray)message["args"]!).Select(FromJson).ToArray();
        var guest = _guests[instance];
        var core = args.Select(CoreValue.FromGuest).ToArray();
        _trace.CallIn(instance, name, core);
        object? result;
        try
        {
            result = name == "cabi_realloc"
                ? guest.Realloc((int)args[0], (int)args[1], (int)args[2], (int)args[3])
                : guest.CallExport(name, args);
        }
        catch (Exception e)
        {
            _trace.Trapped();
            _firstTrap ??= Emulator.Describe(e);
            Send(new JsonObject { ["op"] = "trap", ["message"] = Emulator.Describe(e), ["memory"] = Changes() });
            return;
        }
        var results = result is null ? Array.Empty<object>() : new[] { CoreValue.FromGuest(result) };
        _trace.Returned(results);
        Send(new JsonObject { ["op"] = "return", ["values"] = new JsonArray(results.Select(ToJson).ToArray()), ["memory"] = Changes() });
    }

    /// <summary>A guest called an import or built-in: forwarded to definitions.py; its calls back are served meanwhile.</summary>
    private object? Import(string instance, string module, string name, object[] args)
    {
        if (_firstTrap is not null) throw new Trap("the instances trapped earlier: " + _firstTrap);
        var core = args.Select(CoreValue.FromGuest).ToArray();
        _trace.CallOut(instance, module, name, core);
        Send(new JsonObject
        {
            ["op"] = "import",
            ["instance"] = instance,
            ["module"] = module,
            ["name"] = name,
            ["args"] = new JsonArray(core.Select(ToJson).ToArray()),
            ["memory"] = Changes(),
        });
        while (true)
        {
            var message = Receive();
            switch (message["op"]!.GetValue<string>())
            {
                case "call":
                    ServeCall(message);
                    continue;
                case "return":
                {
                    var values = ((JsonArray)message["values"]!).Select(FromJson).ToArray();
                    _trace.Returned(values.Select(CoreValue.FromGuest).ToArray());
                    return values.Length == 0 ? null : values[0];
                }
                case "trap":
                    _trace.Trapped();
                    _firstTrap ??= "trap in " + module + " " + name;
                    throw new Trap("definitions.py trapped in " + module + " " + name);
                default:
                    throw Broken("unexpected " + message.ToJsonString());
            }
        }
    }

    private static JsonNode ToJson(object core) => core switch
    {
        uint u => new JsonArray("i32", u),
        ulong u => new JsonArray("i64", u),
        float f => new JsonArray("f32", (uint)BitConverter.SingleToInt32Bits(f)),
        double d => new JsonArray("f64", (ulong)BitConverter.DoubleToInt64Bits(d)),
        _ => throw new InvalidOperationException("not a core value: " + core),
    };

    /// <summary>A core value from bridge.py, as generated code takes it (int, long, float, double).</summary>
    private static object FromJson(JsonNode? node)
    {
        var pair = (JsonArray)node!;
        string t = pair[0]!.GetValue<string>();
        return t switch
        {
            "i32" => (object)unchecked((int)pair[1]!.GetValue<uint>()),
            "i64" => unchecked((long)pair[1]!.GetValue<ulong>()),
            "f32" => BitConverter.Int32BitsToSingle(unchecked((int)pair[1]!.GetValue<uint>())),
            _ => BitConverter.Int64BitsToDouble(unchecked((long)pair[1]!.GetValue<ulong>())),
        };
    }

    private JsonObject Changes()
    {
        var updates = new JsonObject();
        foreach (var (name, guest) in _guests)
        {
            var memory = guest.Memory;
            var shadow = _shadows[name];
            var pages = new JsonArray();
            for (int start = 0; start < memory.Length; start += Page)
            {
                int length = Math.Min(Page, memory.Length - start);
                var current = memory.AsSpan(start, length);
                if (start + length <= shadow.Length && current.SequenceEqual(shadow.AsSpan(start, length))) continue;
                pages.Add(new JsonArray(start / Page, Convert.ToBase64String(current)));
            }
            if (pages.Count > 0 || memory.Length != shadow.Length)
            {
                updates[name] = new JsonObject { ["len"] = memory.Length, ["pages"] = pages };
                _shadows[name] = (byte[])memory.Clone();
            }
        }
        return updates;
    }

    private void Apply(JsonNode? updates)
    {
        if (updates is not JsonObject all) return;
        foreach (var (name, node) in all)
        {
            var memory = _guests[name].Memory;
            foreach (var page in (JsonArray)node!["pages"]!)
            {
                int index = page![0]!.GetValue<int>();
                Convert.FromBase64String(page[1]!.GetValue<string>()).CopyTo(memory, index * Page);
            }
            _shadows[name] = (byte[])memory.Clone();
        }
    }

    private void Send(JsonObject message) => _python.StandardInput.WriteLine(message.ToJsonString());

    private JsonObject Receive()
    {
        string? line = _python.StandardOutput.ReadLine();
        if (line is null) throw Broken("bridge.py ended");
        var message = (JsonObject)JsonNode.Parse(line)!;
        Apply(message["memory"]);
        return message;
    }

    private InvalidOperationException Broken(string what)
    {
        _python.WaitForExit(2000);
        lock (_stderr) return new InvalidOperationException("reference bridge: " + what + "\n" + _stderr);
    }

    public void Dispose()
    {
        try
        {
            if (!_python.HasExited)
            {
                _python.StandardInput.WriteLine("{\"op\":\"quit\"}");
                if (!_python.WaitForExit(5000)) _python.Kill(entireProcessTree: true);
            }
        }
        catch (Exception)
        {
            // the process is gone already
        }
        _python.Dispose();
        foreach (var g in _guests.Values) g.Dispose();
    }
}
