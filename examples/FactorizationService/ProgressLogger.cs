using FactorizationService.Bindings.Wittools.Factorization;
using Microsoft.Extensions.Logging;

namespace FactorizationService;

/// <summary>The component's imported `progress` interface: each report goes to the service's log (Debug level).</summary>
public sealed partial class ProgressLogger : Progress.IHost
{
    private readonly ILogger<ProgressLogger> _logger;

    public ProgressLogger(ILogger<ProgressLogger> logger) => _logger = logger;

    public void Report(ulong n, byte percent, string message) => Log(_logger, n, percent, message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "factoring {N}: {Percent}% {Message}")]
    private static partial void Log(ILogger logger, ulong n, byte percent, string message);
}
