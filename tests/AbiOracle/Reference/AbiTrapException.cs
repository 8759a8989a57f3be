using System;

namespace WitTools.AbiOracle.Reference;

/// <summary>A canonical-ABI trap raised by <see cref="ReferenceCodec"/>; the message is Wasmtime's text for the same trap.</summary>
public sealed class AbiTrapException(string message) : Exception(message);
