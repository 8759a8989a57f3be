using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace WitTools.Cli.Commands;

/// <summary>
/// The progress line `generate` writes on stderr for a large world: the stage (binding a world, writing files), files
/// written of the total, and the time since the command started. Whether it shows depends only on the size of the
/// work (<see cref="Threshold"/> imports and exports in the selected worlds), never on the clock, so a run prints the
/// same lines every time. On a terminal one line is rewritten in place (<c>\r</c>), at most once per percent; when
/// stderr is redirected, plain lines: one per stage, one per quarter of the files, and the summary.
/// </summary>
internal sealed class GenerateProgress
{
    /// <summary>The imports and exports (interfaces, functions, types) of the selected worlds from which generation
    /// shows progress: a world this size binds and writes a thousand files or more.</summary>
    public const int Threshold = 500;

    private readonly TextWriter? _stderr;
    private readonly bool _terminal;
    private readonly Stopwatch _clock;
    private int _shownWidth;
    private int _lastStep;

    private GenerateProgress(TextWriter? stderr, bool terminal, Stopwatch clock)
    {
        _stderr = stderr;
        _terminal = terminal;
        _clock = clock;
    }

    /// <summary>A display for <c>workItems</c> world items, silent below <see cref="Threshold"/>; <c>clock</c> started
    /// with the command (the times shown include loading the WIT).</summary>
    public static GenerateProgress For(int workItems, TextWriter stderr, bool terminal, Stopwatch clock) =>
        new(workItems >= Threshold ? stderr : null, terminal, clock);

    public bool Shown => _stderr is not null;

    /// <summary>Binding world <paramref name="index"/> (0-based) of <paramref name="count"/>.</summary>
    public void Binding(string world, int index, int count, int items)
    {
        string of = count > 1 ? $" ({index + 1}/{count})" : "";
        Show($"binding world `{world}`{of}: {N(items)} imports and exports", final: false);
    }

    /// <summary>Files written so far (the first call, with 0 done, announces the stage).</summary>
    public void Writing(int done, int total, string directory)
    {
        if (_stderr is null || total == 0) return;
        // a terminal is updated once per percent, a log once per quarter (and at the start)
        int step = (int)((long)done * (_terminal ? 100 : 4) / total);
        if (done > 0 && step == _lastStep) return;
        _lastStep = step;
        if (done == total) return; // the summary follows
        Show($"writing {N(total)} files to {directory}: {N(done)} ({(long)done * 100 / total}%)", final: false);
    }

    public void Finished(int files, long bytes, string directory) =>
        Show($"wrote {N(files)} files ({Megabytes(bytes)}) to {directory}", final: true);

    /// <summary>Ends a rewritten line before an error is printed below it.</summary>
    public void Interrupted()
    {
        if (_stderr is null || !_terminal || _shownWidth == 0) return;
        _stderr.WriteLine();
        _shownWidth = 0;
    }

    private void Show(string message, bool final)
    {
        if (_stderr is null) return;
        string line = message + ", " + _clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
        if (!_terminal)
        {
            _stderr.WriteLine(line);
            return;
        }
        // rewrite the line in place: blank what is left of a longer previous line
        string padded = line.Length < _shownWidth ? line + new string(' ', _shownWidth - line.Length) : line;
        _stderr.Write("\r" + padded);
        _shownWidth = final ? 0 : line.Length;
        if (final) _stderr.WriteLine();
        _stderr.Flush();
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) =>
        bytes >= 10_000_000 ? (bytes / 1_000_000.0).ToString("F0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1_000_000.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
