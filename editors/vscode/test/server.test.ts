// Runs the language server through the extension's own start logic (serverCommand), without VS Code:
// spawns it, speaks LSP over stdio (Content-Length framing), checks diagnostics and a hover, shuts down.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { initializationOptions, serverCommand } from '../src/serverCommand';

test('serverCommand defaults to the dotnet tool and runs a dll with dotnet', () => {
  assert.deepEqual(serverCommand({}), { command: 'wit-bindgen-cs', args: ['lsp'] });
  assert.deepEqual(serverCommand({ path: '/x/wit-bindgen-cs.dll', extraArgs: ['--v'] }), {
    command: 'dotnet',
    args: ['/x/wit-bindgen-cs.dll', 'lsp', '--v'],
  });
  assert.deepEqual(initializationOptions(['a', ''], undefined), { features: ['a'], allFeatures: false });
});

function findServerDll(): string | undefined {
  const configured = process.env.WIT_LSP_SERVER;
  if (configured) {
    // Set by .ci/run: there the server must be found, never skipped.
    assert.ok(fs.existsSync(configured), `WIT_LSP_SERVER=${configured} does not exist`);
    return configured;
  }
  const candidate = path.resolve(__dirname, '../../../../tools/wit-bindgen-cs/bin/Release/net10.0/wit-bindgen-cs.dll');
  return fs.existsSync(candidate) ? candidate : undefined;
}

test('the server starts through the extension logic and publishes diagnostics', { timeout: 60000 }, async (t) => {
  const dll = findServerDll();
  if (!dll) {
    t.skip('build tools/wit-bindgen-cs (Release) or set WIT_LSP_SERVER');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wit-ext-'));
  const file = path.join(dir, 'a.wit');
  const text = 'package a:b;\ninterface i {\n  type x = list<u32;\n}\n';
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;

  const { command, args } = serverCommand({ path: dll });
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  const waiting: Array<(message: any) => boolean> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString());
      const length = Number(match![1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      buffer = buffer.subarray(headerEnd + 4 + length);
      for (let i = 0; i < waiting.length; i++) {
        if (waiting[i](message)) waiting.splice(i--, 1);
      }
    }
  });
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const expect = (accept: (message: any) => boolean) =>
    new Promise<any>((resolve) => waiting.push((m) => (accept(m) ? (resolve(m), true) : false)));

  send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: initializationOptions([], false) } });
  const init = await expect((m) => m.id === 1);
  assert.equal(init.result.capabilities.hoverProvider, true);
  send({ method: 'initialized', params: {} });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'wit', version: 1, text } } });
  const published = await expect((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
  assert.equal(published.params.diagnostics[0].range.start.line, 2);
  assert.match(published.params.diagnostics[0].message, /expected '>'/);
  send({ id: 2, method: 'shutdown' });
  await expect((m) => m.id === 2);
  send({ method: 'exit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0);
  fs.rmSync(dir, { recursive: true, force: true });
});
