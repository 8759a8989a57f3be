using System.Collections.Generic;
using System.Linq;

namespace WitTools.AsyncHost.Canon;

/// <summary>
/// The calls across the boundary, in order: core calls into instances (exports, callbacks, realloc, destructors) and calls
/// out of them (built-ins and imports), each with its core arguments and results. Two engines running the same scenario
/// with the same choices produce the same trace.
/// </summary>
public sealed class CallTrace
{
    private readonly List<string> _lines = new();
    private readonly Stack<int> _open = new();


    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Whether to record (off for long transfers whose traces only the emulator would hold).</summary>
    public bool Enabled { get; set; } = true;

    public void CallIn(string instance, string name, object[] args) => Open("call " + instance + " " + name + Args(args));

    public void CallOut(string instance, string module, string name, object[] args) => Open("out " + instance + " " + module + " " + name + Args(args));

    public void Returned(object[] results) => Close("-> " + Args(results));

    public void Trapped() => Close("-> trap");

    private void Open(string line)
    {
        if (!Enabled) return;
        _lines.Add(new string(' ', _open.Count) + line);
        _open.Push(_lines.Count - 1);
    }

    private void Close(string tail)
    {
        if (!Enabled || _open.Count == 0) return;
        int index = _open.Pop();
        // a call that made no nested calls ends on its own line
        if (index == _lines.Count - 1) _lines[index] += " " + tail;
        else _lines.Add(new string(' ', _open.Count) + tail);
    }

    private static string Args(object[] values) => "(" + string.Join(", ", values.Select(CoreValue.Describe)) + ")";
}
