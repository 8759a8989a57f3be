using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using WitTools.Tests.Shared;

namespace WitTools.Examples.Tests;

/// <summary>
/// The real factorization service (examples/FactorizationService, as built for this test run's configuration) started as
/// its own process on a free loopback port, exactly as the README runs it (<c>--urls http://127.0.0.1:PORT</c>); waits
/// (bounded) until it answers, and stops the process it started when disposed.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ServiceProcess(params string[] settings)
    {
        string configuration = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Debug" + Path.DirectorySeparatorChar) ? "Debug" : "Release";
        string dll = Path.Combine(RepositoryPaths.Root, "examples", "FactorizationService", "bin", configuration, "net10.0", "FactorizationService.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("the service is not built", dll);
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var setting in settings) start.ArgumentList.Add(setting);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        WaitUntilReady(TimeSpan.FromSeconds(60));
    }

    public int Port { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void WaitUntilReady(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException("the service exited with code " + _process.ExitCode + ":\n" + Output);
            try
            {
                using var response = Client.GetAsync("health").GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException("the service did not answer within " + limit + ":\n" + Output);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
