using System;
using System.Buffers.Binary;
using Wasmtime;
using Wasmtime.Components;
using WitTools.AbiOracle.Types;
using WitTools.AbiOracle.Values;

namespace WitTools.AbiOracle.Probing;

/// <summary>
/// Wasmtime as the reference implementation of the canonical ABI for one value type T:
/// <see cref="LowerWithWasmtime"/> gives the memory Wasmtime writes for a value,
/// <see cref="LiftWithWasmtime(byte[], int)"/> gives the value Wasmtime reads from given memory
/// (or the <see cref="WasmtimeException"/> it traps with).
/// </summary>
public sealed class AbiProbe
{
    private readonly ProbeComponent _component;
    private readonly int _index;

    internal AbiProbe(ProbeComponent component, int index, WitValueType type)
    {
        _component = component;
        _index = index;
        Type = type;
        Size = CanonicalLayout.Size(type);
        Align = CanonicalLayout.Align(type);
    }

    public WitValueType Type { get; }

    /// <summary>Canonical-ABI size of <see cref="Type"/>.</summary>
    public int Size { get; }

    /// <summary>Canonical-ABI alignment of <see cref="Type"/>.</summary>
    public int Align { get; }

    /// <summary>The (possibly shared) component this probe runs in.</summary>
    public ProbeComponent Component => _component;

    /// <summary>A probe for a type in component WAT syntax, e.g. <c>(record (field "a" u8) (field "b" u32))</c>.</summary>
    /// <exception cref="FormatException">The text is not a supported type.</exception>
    public static AbiProbe Create(string componentTypeText) => Create(WitValueType.Parse(componentTypeText));

    public static AbiProbe Create(WitValueType type) => ProbeComponent.Create([type]).Probes[0];

    /// <summary>
    /// Lets Wasmtime lower <paramref name="value"/> into fresh linear memory. The image holds the value at
    /// <see cref="MemoryImage.Pointer"/> plus every out-of-line string/list allocation Wasmtime made
    /// through the probe's bump allocator (all unwritten bytes, including padding, are zero).
    /// </summary>
    public MemoryImage LowerWithWasmtime(ComponentValue value)
    {
        if (value == null) throw new ArgumentNullException(nameof(value));
        var result = _component.Call(_index, lower: true, [ComponentValue.List([value])]).AsTuple();
        var root = (int)result[0].AsU32();
        var used = (int)result[1].AsU32();
        var words = result[2].AsList();
        var memory = new byte[used];
        var buffer = new byte[8];
        for (var i = 0; i < words.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, words[i].AsU64());
            var count = Math.Min(8, used - i * 8);
            if (count > 0) Array.Copy(buffer, 0, memory, i * 8, count);
        }
        return new MemoryImage(memory, root, Size, Align);
    }

    /// <summary>The brief's shape: lowered bytes plus alignment (the image's memory, with the value at its pointer).</summary>
    public MemoryImage LowerWithWasmtime(ComponentValue value, out int align)
    {
        align = Align;
        return LowerWithWasmtime(value);
    }

    public MemoryImage Lower(WitValue value) => LowerWithWasmtime(value.ToComponentValue());

    /// <summary>
    /// Lets Wasmtime lift the value at <paramref name="pointer"/> from linear memory that holds
    /// <paramref name="memoryImage"/> at address 0 (and zeros above it).
    /// </summary>
    /// <exception cref="WasmtimeException">Wasmtime trapped, e.g. on an invalid discriminant or UTF-8.</exception>
    public ComponentValue LiftWithWasmtime(byte[] memoryImage, int pointer) => LiftWithWasmtime(memoryImage, pointer, 1)[0];

    /// <summary>
    /// Lifts in a brand-new store, atomically with respect to other users of the component, so linear memory is
    /// exactly <see cref="ProbeComponent.InitialMemorySize"/> bytes (or what the image needs): bounds checks are
    /// then reproducible with <see cref="LiftMemoryContents"/>.
    /// </summary>
    public ComponentValue LiftWithWasmtimeInFreshStore(byte[] memoryImage, int pointer) =>
        LiftWithWasmtime(memoryImage, pointer, 1, freshStore: true)[0];

    /// <summary>Lifts <paramref name="count"/> consecutive values (a <c>list&lt;T&gt;</c> body) at <paramref name="pointer"/>.</summary>
    public System.Collections.Generic.IReadOnlyList<ComponentValue> LiftWithWasmtime(byte[] memoryImage, int pointer, int count) =>
        LiftWithWasmtime(memoryImage, pointer, count, freshStore: false);

    private System.Collections.Generic.IReadOnlyList<ComponentValue> LiftWithWasmtime(byte[] memoryImage, int pointer, int count, bool freshStore)
    {
        if (memoryImage == null) throw new ArgumentNullException(nameof(memoryImage));
        var wordCount = (memoryImage.Length + 7) / 8;
        var words = new ComponentValue[wordCount];
        var buffer = new byte[8];
        for (var i = 0; i < wordCount; i++)
        {
            Array.Clear(buffer);
            Array.Copy(memoryImage, i * 8, buffer, 0, Math.Min(8, memoryImage.Length - i * 8));
            words[i] = ComponentValue.U64(BinaryPrimitives.ReadUInt64LittleEndian(buffer));
        }
        // The list header (pointer, count) goes right after the image, where the value cannot be.
        var header = wordCount * 8;
        var result = _component.Call(_index, lower: false,
        [
            ComponentValue.List(words),
            ComponentValue.U32(unchecked((uint)pointer)),
            ComponentValue.U32(unchecked((uint)count)),
            ComponentValue.U32((uint)header),
        ], freshStore);
        return result.AsList();
    }

    /// <summary>
    /// Linear memory as Wasmtime sees it while lifting <paramref name="memoryImage"/>: the image padded to 8 bytes,
    /// then the probe's list header (pointer, count), then zeros. In a fresh store (see
    /// <see cref="ProbeComponent.Reset"/>) memory is <see cref="ProbeComponent.InitialMemorySize"/> bytes
    /// unless the image needs more, so bounds checks can be reproduced exactly.
    /// </summary>
    public static byte[] LiftMemoryContents(byte[] memoryImage, int pointer, int count = 1)
    {
        var header = (memoryImage.Length + 7) / 8 * 8;
        var memory = new byte[header + 8];
        memoryImage.CopyTo(memory, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(memory.AsSpan(header), unchecked((uint)pointer));
        BinaryPrimitives.WriteUInt32LittleEndian(memory.AsSpan(header + 4), unchecked((uint)count));
        return memory;
    }

    public WitValue Lift(byte[] memoryImage, int pointer) =>
        ComponentValueConverter.FromComponentValue(LiftWithWasmtime(memoryImage, pointer), Type);

    private WitValue Lift(byte[] memoryImage, int pointer, bool freshStore) =>
        ComponentValueConverter.FromComponentValue(LiftWithWasmtime(memoryImage, pointer, 1, freshStore)[0], Type);

    public WitValue Lift(MemoryImage image) => Lift(image.Memory, image.Pointer);

    /// <summary>
    /// Lifts, reporting a trap instead of throwing it. The probe's store is replaced after a trap,
    /// so later calls are unaffected.
    /// </summary>
    /// <param name="freshStore">Lift in a brand-new store (see <see cref="LiftWithWasmtimeInFreshStore"/>).</param>
    public WasmtimeException? TryLift(byte[] memoryImage, int pointer, out WitValue? value, bool freshStore = false)
    {
        try
        {
            value = Lift(memoryImage, pointer, freshStore);
            return null;
        }
        catch (WasmtimeException e)
        {
            value = null;
            return e;
        }
    }

    /// <summary>The first line of the trap message Wasmtime raises when lifting, or null if it lifts.</summary>
    public string? LiftTrap(byte[] memoryImage, int pointer, bool freshStore = false) =>
        TryLift(memoryImage, pointer, out _, freshStore) is { } e ? FirstLine(e.Message) : null;

    /// <summary>Lowers with Wasmtime then lifts the image with Wasmtime.</summary>
    public WitValue RoundTrip(WitValue value) => Lift(Lower(value));

    /// <summary>The first line of a Wasmtime error message (trap messages may carry a backtrace after it).</summary>
    public static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n');
        return (newline < 0 ? message : message.Substring(0, newline)).TrimEnd();
    }
}
