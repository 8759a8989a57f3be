using System;
using System.Globalization;
using System.Text;

namespace WitTools.AbiOracle.Probing;

/// <summary>
/// A snapshot of linear memory [0, <c>Memory.Length</c>) holding one canonical-ABI value at <see cref="Pointer"/>.
/// Strings and lists inside the value point elsewhere in <see cref="Memory"/> with absolute addresses,
/// so an image can be lifted again as is.
/// </summary>
public sealed class MemoryImage
{
    public MemoryImage(byte[] memory, int pointer, int size, int align)
    {
        Memory = memory ?? throw new ArgumentNullException(nameof(memory));
        Pointer = pointer;
        Size = size;
        Align = align;
    }

    /// <summary>Linear memory from address 0.</summary>
    public byte[] Memory { get; }

    /// <summary>Address of the value.</summary>
    public int Pointer { get; }

    /// <summary>Canonical-ABI size of the value's type.</summary>
    public int Size { get; }

    /// <summary>Canonical-ABI alignment of the value's type.</summary>
    public int Align { get; }

    /// <summary>The value's own <see cref="Size"/> bytes (the part that does not live out of line).</summary>
    public byte[] RootBytes => Memory.AsSpan(Pointer, Size).ToArray();

    /// <summary>Reads a little-endian u32, e.g. a pointer or length inside the root bytes.</summary>
    public uint ReadU32(int address) => BitConverter.ToUInt32(Memory, address);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("@").Append(Pointer.ToString(CultureInfo.InvariantCulture)).Append(" size ").Append(Size)
          .Append(" align ").Append(Align).Append(": ").Append(Convert.ToHexString(Memory));
        return sb.ToString();
    }
}
