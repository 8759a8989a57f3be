using System.Text.Json;
using System.Threading.Tasks;
using WitTools.LanguageServer.Tests.TestSupport;

namespace WitTools.LanguageServer.Tests.Protocol;

public class LifecycleTests
{
    [Fact]
    public async Task InitializeAnnouncesTheFeaturesAndShutdownThenExitEndsWithZero()
    {
        using var workspace = new TempWorkspace();
        await using var client = await LspClient.StartAsync(workspace.Root);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task ExitWithoutShutdownEndsWithOne()
    {
        await using var client = await LspClient.StartAsync(null);
        await client.NotifyAsync("exit", new { });
        Assert.Equal(1, await client.WaitForExitAsync());
    }

    [Fact]
    public async Task UnknownMethodsAndBadParametersGetErrorsAndTheServerStaysUp()
    {
        await using var client = await LspClient.StartAsync(null);
        var unknown = await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteRpcException>(() => client.RequestAsync("wit/noSuchMethod", new { }));
        Assert.NotNull(unknown);
        await Assert.ThrowsAnyAsync<StreamJsonRpc.RemoteRpcException>(() => client.RequestAsync("textDocument/hover", new { textDocument = 42, position = "x" }));
        // A hover on a document nobody opened answers null.
        var hover = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = "file:///nowhere/x.wit" }, position = new { line = 0, character = 0 } });
        Assert.Equal(JsonValueKind.Null, hover.ValueKind);
        Assert.Equal(0, await client.ShutdownAsync());
    }
}
