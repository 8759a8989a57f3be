using System.Collections.Generic;
using WitTools.WitParser.Model;

namespace WitTools.WitParser.Serialization;

/// <summary>
/// Writes a <see cref="Resolve"/> as the JSON wit-parser's serde derive produces with
/// <c>serde_json::to_string_pretty</c>: the same keys in the same order, the same omitted fields
/// (empty docs, unknown stability, absent results/external ids), ids as integers, primitive types as
/// their WIT names, and enums externally tagged in kebab-case.
/// </summary>
public static class ResolveJson
{
    public static string Serialize(Resolve resolve)
    {
        var w = new JsonWriter();
        w.BeginObject();
        w.PropertyName("worlds");
        w.BeginArray();
        foreach (var world in resolve.Worlds.Items) WriteWorld(w, world);
        w.EndArray();
        w.PropertyName("interfaces");
        w.BeginArray();
        foreach (var iface in resolve.Interfaces.Items) WriteInterface(w, iface);
        w.EndArray();
        w.PropertyName("types");
        w.BeginArray();
        foreach (var ty in resolve.Types.Items) WriteTypeDef(w, ty);
        w.EndArray();
        w.PropertyName("packages");
        w.BeginArray();
        foreach (var pkg in resolve.Packages.Items) WritePackage(w, pkg);
        w.EndArray();
        w.EndObject();
        return w.ToString();
    }

    private static void WriteWorld(JsonWriter w, World world)
    {
        w.BeginObject();
        w.Property("name", world.Name);
        w.PropertyName("imports");
        WriteWorldItems(w, world.Imports);
        w.PropertyName("exports");
        WriteWorldItems(w, world.Exports);
        w.PropertyName("package");
        WriteOptionalId(w, world.Package?.Index);
        WriteDocs(w, world.Docs);
        WriteStability(w, world.Stability);
        w.EndObject();
    }

    private static void WriteWorldItems(JsonWriter w, OrderedMap<WorldKey, WorldItem> items)
    {
        w.BeginObject();
        foreach (var entry in items)
        {
            w.PropertyName(entry.Key.ToString());
            w.BeginObject();
            switch (entry.Value)
            {
                case InterfaceWorldItem i:
                    w.PropertyName("interface");
                    w.BeginObject();
                    w.Property("id", i.Id.Index);
                    WriteStability(w, i.Stability);
                    WriteExternalId(w, i.ExternalId);
                    WriteDocs(w, i.Docs);
                    w.EndObject();
                    break;
                case FunctionWorldItem f:
                    w.PropertyName("function");
                    WriteFunction(w, f.Function);
                    break;
                case TypeWorldItem t:
                    w.Property("type", t.Id.Index);
                    break;
            }
            w.EndObject();
        }
        w.EndObject();
    }

    private static void WriteInterface(JsonWriter w, Interface iface)
    {
        w.BeginObject();
        w.PropertyName("name");
        WriteOptionalString(w, iface.Name);
        w.PropertyName("types");
        WriteIdMap(w, iface.Types, id => id.Index);
        w.PropertyName("functions");
        w.BeginObject();
        foreach (var entry in iface.Functions)
        {
            w.PropertyName(entry.Key);
            WriteFunction(w, entry.Value);
        }
        w.EndObject();
        WriteDocs(w, iface.Docs);
        WriteStability(w, iface.Stability);
        w.PropertyName("package");
        WriteOptionalId(w, iface.Package?.Index);
        if (iface.CloneOf is { } cloneOf) w.Property("clone_of", cloneOf.Index);
        w.EndObject();
    }

    private static void WriteTypeDef(JsonWriter w, TypeDef ty)
    {
        w.BeginObject();
        w.PropertyName("name");
        WriteOptionalString(w, ty.Name);
        w.PropertyName("kind");
        WriteKind(w, ty.Kind);
        w.PropertyName("owner");
        switch (ty.Owner.Kind)
        {
            case TypeOwnerKind.World:
                w.BeginObject();
                w.Property("world", ty.Owner.World.Index);
                w.EndObject();
                break;
            case TypeOwnerKind.Interface:
                w.BeginObject();
                w.Property("interface", ty.Owner.Interface.Index);
                w.EndObject();
                break;
            default:
                w.Null();
                break;
        }
        WriteDocs(w, ty.Docs);
        WriteStability(w, ty.Stability);
        WriteExternalId(w, ty.ExternalId);
        w.EndObject();
    }

    private static void WriteKind(JsonWriter w, TypeDefKind kind)
    {
        switch (kind)
        {
            case ResourceKind:
                w.String("resource");
                return;
            case UnknownKind:
                w.String("unknown");
                return;
        }
        w.BeginObject();
        switch (kind)
        {
            case RecordKind r:
                w.PropertyName("record");
                w.BeginObject();
                w.PropertyName("fields");
                w.BeginArray();
                foreach (var f in r.Fields)
                {
                    w.BeginObject();
                    w.Property("name", f.Name);
                    w.PropertyName("type");
                    WriteType(w, f.Type);
                    WriteDocs(w, f.Docs);
                    w.EndObject();
                }
                w.EndArray();
                w.EndObject();
                break;
            case HandleKind h:
                w.PropertyName("handle");
                w.BeginObject();
                w.Property(h.IsOwn ? "own" : "borrow", h.Resource.Index);
                w.EndObject();
                break;
            case FlagsKind fl:
                w.PropertyName("flags");
                w.BeginObject();
                w.PropertyName("flags");
                w.BeginArray();
                foreach (var f in fl.Flags) WriteNamedWithDocs(w, f.Name, f.Docs);
                w.EndArray();
                w.EndObject();
                break;
            case TupleKind t:
                w.PropertyName("tuple");
                w.BeginObject();
                w.PropertyName("types");
                w.BeginArray();
                foreach (var ty in t.Types) WriteType(w, ty);
                w.EndArray();
                w.EndObject();
                break;
            case VariantKind v:
                w.PropertyName("variant");
                w.BeginObject();
                w.PropertyName("cases");
                w.BeginArray();
                foreach (var c in v.Cases)
                {
                    w.BeginObject();
                    w.Property("name", c.Name);
                    w.PropertyName("type");
                    WriteOptionalType(w, c.Type);
                    WriteDocs(w, c.Docs);
                    w.EndObject();
                }
                w.EndArray();
                w.EndObject();
                break;
            case EnumKind e:
                w.PropertyName("enum");
                w.BeginObject();
                w.PropertyName("cases");
                w.BeginArray();
                foreach (var c in e.Cases) WriteNamedWithDocs(w, c.Name, c.Docs);
                w.EndArray();
                w.EndObject();
                break;
            case OptionKind o:
                w.PropertyName("option");
                WriteType(w, o.Type);
                break;
            case ResultKind r:
                w.PropertyName("result");
                w.BeginObject();
                w.PropertyName("ok");
                WriteOptionalType(w, r.Ok);
                w.PropertyName("err");
                WriteOptionalType(w, r.Err);
                w.EndObject();
                break;
            case ListKind l:
                w.PropertyName("list");
                WriteType(w, l.Element);
                break;
            case MapKind m:
                w.PropertyName("map");
                w.BeginArray();
                WriteType(w, m.Key);
                WriteType(w, m.Value);
                w.EndArray();
                break;
            case FixedSizeListKind fl:
                w.PropertyName("fixed-length-list");
                w.BeginArray();
                WriteType(w, fl.Element);
                w.Number((long)fl.Size);
                w.EndArray();
                break;
            case FutureKind f:
                w.PropertyName("future");
                WriteOptionalType(w, f.Payload);
                break;
            case StreamKind s:
                w.PropertyName("stream");
                WriteOptionalType(w, s.Payload);
                break;
            case AliasKind a:
                w.PropertyName("type");
                WriteType(w, a.Target);
                break;
        }
        w.EndObject();
    }

    private static void WriteNamedWithDocs(JsonWriter w, string name, Docs docs)
    {
        w.BeginObject();
        w.Property("name", name);
        WriteDocs(w, docs);
        w.EndObject();
    }

    private static void WriteFunction(JsonWriter w, Function f)
    {
        w.BeginObject();
        w.Property("name", f.Name);
        w.PropertyName("kind");
        string? tag = f.Kind switch
        {
            FunctionKind.Method => "method",
            FunctionKind.AsyncMethod => "async-method",
            FunctionKind.Static => "static",
            FunctionKind.AsyncStatic => "async-static",
            FunctionKind.Constructor => "constructor",
            _ => null,
        };
        if (tag is null)
        {
            w.String(f.Kind == FunctionKind.AsyncFreestanding ? "async-freestanding" : "freestanding");
        }
        else
        {
            w.BeginObject();
            w.Property(tag, (f.Resource ?? default).Index);
            w.EndObject();
        }
        w.PropertyName("params");
        w.BeginArray();
        foreach (var p in f.Params)
        {
            w.BeginObject();
            if (p.Name.Length != 0) w.Property("name", p.Name);
            w.PropertyName("type");
            WriteType(w, p.Type);
            w.EndObject();
        }
        w.EndArray();
        if (f.Result is { } result)
        {
            w.PropertyName("result");
            WriteType(w, result);
        }
        WriteDocs(w, f.Docs);
        WriteStability(w, f.Stability);
        WriteExternalId(w, f.ExternalId);
        w.EndObject();
    }

    private static void WritePackage(JsonWriter w, Package pkg)
    {
        w.BeginObject();
        w.Property("name", pkg.Name.ToString());
        WriteDocs(w, pkg.Docs);
        w.PropertyName("interfaces");
        WriteIdMap(w, pkg.Interfaces, id => id.Index);
        w.PropertyName("worlds");
        WriteIdMap(w, pkg.Worlds, id => id.Index);
        w.EndObject();
    }

    private static void WriteIdMap<TId>(JsonWriter w, OrderedMap<string, TId> map, System.Func<TId, int> index)
    {
        w.BeginObject();
        foreach (var entry in map) w.Property(entry.Key, index(entry.Value));
        w.EndObject();
    }

    /// <summary>Primitives as their WIT names, defined types as their index.</summary>
    public static void WriteType(JsonWriter w, WitType type)
    {
        if (type.PrimitiveName is { } name) w.String(name);
        else w.Number(type.Id.Index);
    }

    private static void WriteOptionalType(JsonWriter w, WitType? type)
    {
        if (type is { } t) WriteType(w, t);
        else w.Null();
    }

    private static void WriteOptionalId(JsonWriter w, int? index)
    {
        if (index is { } i) w.Number(i);
        else w.Null();
    }

    private static void WriteOptionalString(JsonWriter w, string? value)
    {
        if (value is null) w.Null();
        else w.String(value);
    }

    private static void WriteDocs(JsonWriter w, Docs docs)
    {
        if (docs.Contents is not { } contents) return;
        w.PropertyName("docs");
        w.BeginObject();
        w.Property("contents", contents);
        w.EndObject();
    }

    private static void WriteExternalId(JsonWriter w, string? externalId)
    {
        if (externalId is not null) w.Property("external_id", externalId);
    }

    private static void WriteStability(JsonWriter w, Stability stability)
    {
        if (stability.IsUnknown) return;
        w.PropertyName("stability");
        w.BeginObject();
        if (stability.IsUnstable)
        {
            w.PropertyName("unstable");
            w.BeginObject();
            w.Property("feature", stability.Feature ?? "");
        }
        else
        {
            w.PropertyName("stable");
            w.BeginObject();
            w.Property("since", stability.Since?.ToString() ?? "");
        }
        if (stability.Deprecated is { } deprecated) w.Property("deprecated", deprecated.ToString());
        w.EndObject();
        w.EndObject();
    }
}
