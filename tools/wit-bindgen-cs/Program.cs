using System;
using System.Text;

namespace WitTools.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return WitCli.Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected);
    }
}
