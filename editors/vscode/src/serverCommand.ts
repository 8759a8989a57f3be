// How the extension starts the language server: pure logic (no `vscode` import) so tests can run it under
// plain node without VS Code.

export interface ServerSettings {
  /** `wit.server.path`: an executable name/path, or a path to wit-bindgen-cs.dll. */
  path?: string;
  extraArgs?: string[];
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/** The default: the `wit-bindgen-cs` dotnet tool on PATH. */
export const DEFAULT_SERVER = 'wit-bindgen-cs';

/** The command line that runs `wit-bindgen-cs lsp` for the given settings. */
export function serverCommand(settings: ServerSettings): ServerCommand {
  const path = (settings.path ?? '').trim() || DEFAULT_SERVER;
  const extra = (settings.extraArgs ?? []).filter((a) => typeof a === 'string');
  if (path.toLowerCase().endsWith('.dll')) {
    return { command: 'dotnet', args: [path, 'lsp', ...extra] };
  }
  return { command: path, args: ['lsp', ...extra] };
}

/** The `initializationOptions` the server reads. */
export function initializationOptions(features: string[] | undefined, allFeatures: boolean | undefined): object {
  return { features: (features ?? []).filter((f) => typeof f === 'string' && f.length > 0), allFeatures: !!allFeatures };
}
