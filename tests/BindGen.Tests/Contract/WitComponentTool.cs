using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using WitTools.Tests.Shared;

namespace WitTools.BindGen.Tests.Contract;

/// <summary>One stub module plus the WIT of its world, to become a component.</summary>
public sealed record ComponentJob(string Name, string Wat, string Wit, string World, string Encoding);

/// <summary>What wit-component made of a job: the component file, or its error; the component's <c>canon</c> lines.</summary>
public sealed record ComponentResult(string Name, bool Ok, string? Error, IReadOnlyList<string> Canon, string ComponentPath);

/// <summary>
/// wit-component through jco 1.35's JavaScript API (<c>componentEmbed</c> with <c>witSource</c>, then <c>componentNew</c>),
/// run by node over a batch of jobs (one node process per batch). jco is installed outside the repository: in
/// <c>$WITTOOLS_JCO_DIR</c> when set (a folder whose <c>node_modules</c> holds it), else in the user cache
/// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, <c>wittools/jco-1.35.0</c>), where the first run installs it with
/// <c>npm ci</c> from this folder's <c>jco/package-lock.json</c>.
/// </summary>
public static class WitComponentTool
{
    private const string JcoVersion = "1.35.0";

    private static readonly Lazy<string> s_jco = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Here([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    /// <summary>The folder of the jco package (holding <c>dist/api.js</c>).</summary>
    public static string JcoPackage => s_jco.Value;

    private static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable("WITTOOLS_JCO_DIR");
        string folder;
        if (!string.IsNullOrEmpty(configured))
        {
            folder = Path.GetFullPath(configured);
        }
        else
        {
            string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            folder = Path.Combine(cache, "wittools", "jco-" + JcoVersion);
        }
        string package = Path.Combine(folder, "node_modules", "@bytecodealliance", "jco");
        if (File.Exists(Path.Combine(package, "dist", "api.js"))) return Installed(package);
        if (!string.IsNullOrEmpty(configured))
            throw new InvalidOperationException("WITTOOLS_JCO_DIR=" + configured + " holds no node_modules/@bytecodealliance/jco; run `npm ci` there with " +
                                                Path.Combine(Here(), "jco", "package-lock.json"));
        // first use on this machine: install the locked jco into the cache folder (one process at a time)
        Directory.CreateDirectory(folder);
        using (var mutex = new Mutex(false, "wittools-jco-install"))
        {
            mutex.WaitOne();
            try
            {
                if (!File.Exists(Path.Combine(package, "dist", "api.js")))
                {
                    File.Copy(Path.Combine(Here(), "jco", "package.json"), Path.Combine(folder, "package.json"), true);
                    File.Copy(Path.Combine(Here(), "jco", "package-lock.json"), Path.Combine(folder, "package-lock.json"), true);
                    var (code, output) = DotnetProcess.RunProgram("npm", folder, TimeSpan.FromMinutes(10), "ci", "--no-audit", "--no-fund", "--loglevel=error");
                    if (code != 0) throw new InvalidOperationException("installing jco " + JcoVersion + " into " + folder + " failed:\n" + output);
                }
            }
            finally
            {
                mutex.ReleaseMutex();
            }
        }
        return Installed(package);
    }

    private static string Installed(string package)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "package.json")));
        string version = json.RootElement.GetProperty("version").GetString()!;
        if (version != JcoVersion) throw new InvalidOperationException(package + " is jco " + version + "; the contract check needs " + JcoVersion);
        return package;
    }

    /// <summary>Runs every job in one node process; the components land in <paramref name="workFolder"/>.</summary>
    public static IReadOnlyList<ComponentResult> Build(IReadOnlyList<ComponentJob> jobs, string workFolder)
    {
        Directory.CreateDirectory(workFolder);
        var payload = jobs.Select((j, i) => new Dictionary<string, string>
        {
            ["name"] = j.Name,
            ["wat"] = j.Wat,
            ["wit"] = j.Wit,
            ["world"] = j.World,
            ["encoding"] = j.Encoding,
            ["out"] = Path.Combine(workFolder, i + ".wasm"),
        }).ToList();
        string jobsFile = Path.Combine(workFolder, "jobs.json");
        string resultsFile = Path.Combine(workFolder, "results.json");
        File.WriteAllText(jobsFile, JsonSerializer.Serialize(payload));
        var (code, output) = DotnetProcess.RunProgram("node", workFolder, TimeSpan.FromMinutes(5),
            Path.Combine(Here(), "jco", "contract-check.mjs"), JcoPackage, jobsFile, resultsFile);
        if (code != 0) throw new InvalidOperationException("node failed:\n" + output);
        using var results = JsonDocument.Parse(File.ReadAllText(resultsFile));
        return results.RootElement.EnumerateArray().Select((r, i) => new ComponentResult(
            r.GetProperty("name").GetString()!,
            r.GetProperty("ok").GetBoolean(),
            r.GetProperty("error").GetString(),
            r.GetProperty("canon").EnumerateArray().Select(c => c.GetString()!).ToList(),
            payload[i]["out"])).ToList();
    }
}
