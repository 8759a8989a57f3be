import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { initializationOptions, serverCommand } from './serverCommand';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('wit');
  const command = serverCommand({
    path: config.get<string>('server.path'),
    extraArgs: config.get<string[]>('server.extraArgs'),
  });
  const serverOptions: ServerOptions = {
    run: { command: command.command, args: command.args, transport: TransportKind.stdio },
    debug: { command: command.command, args: command.args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'wit' }],
    initializationOptions: initializationOptions(config.get<string[]>('features'), config.get<boolean>('allFeatures')),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.wit') },
  };
  client = new LanguageClient('wit', 'WIT language server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('wit') && client) {
        await client.stop();
        await activate(context);
      }
    }),
  );
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Could not start the WIT language server (${command.command} ${command.args.join(' ')}): ${error}. ` +
        'Install it with `dotnet tool install -g WitTools.Cli` or set `wit.server.path`.',
    );
  }
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}
