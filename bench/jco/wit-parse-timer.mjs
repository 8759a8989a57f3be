// Times jco's wit-parser (compiled to WebAssembly, run by node) on WIT paths, for the front-end comparison
// (bench/WitTools.Benchmarks `jco` mode). Our own driver: it loads the js-component-bindgen component that an
// installed @bytecodealliance/jco ships and asks it for the types of a world that does not exist, which
// parses and resolves the path (file, or directory with deps/) and then stops.
//
//   node wit-parse-timer.mjs JCO_DIR warm RUNS PATH...   one JSON line per path: {"path","ms":[...]}
//   node wit-parse-timer.mjs JCO_DIR serve               reads lines of paths (separated by tabs) from stdin; per
//                                                        line, checks each path once and prints {"ms": total}
//   node wit-parse-timer.mjs JCO_DIR once PATH           one check, as a command line tool would do it
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const [jcoDir, mode, ...rest] = process.argv.slice(2);
const NO_SUCH_WORLD = 'wittools-bench-no-such-world';

function findPackage(fromDir, name) {
  const require = createRequire(path.join(fromDir, 'package.json'));
  for (const dir of require.resolve.paths(name) || []) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`${name} not found from ${fromDir}`);
}

const transpileDir = findPackage(jcoDir, '@bytecodealliance/jco-transpile');
// preview2-shim >= 0.26 starts without filesystem preopens: give the component "/".
const shim = await import(pathToFileURL(createRequire(path.join(transpileDir, 'package.json'))
  .resolve('@bytecodealliance/preview2-shim/filesystem')).href);
if (typeof shim._setPreopens === 'function') shim._setPreopens({ '/': '/' });
const bindgen = await import(pathToFileURL(path.join(transpileDir, 'vendor', 'js-component-bindgen-component.js')).href);
if (bindgen.$init) await bindgen.$init;

// Parse + resolve one path; returns null when the WIT is valid (the only error is the missing world).
function check(witPath) {
  try {
    bindgen.generateTypes('bench', { name: 'bench', wit: { tag: 'path', val: path.resolve(witPath) }, world: NO_SUCH_WORLD,
      features: { tag: 'list', val: [] } });
    return 'unexpectedly generated types';
  } catch (e) {
    const message = String(e && e.payload !== undefined ? e.payload : e);
    return message.includes(NO_SUCH_WORLD) ? null : message;
  }
}

if (mode === 'once') {
  const error = check(rest[0]);
  if (error) { console.error(error); process.exit(1); }
} else if (mode === 'warm') {
  const runs = Number(rest[0]);
  for (const witPath of rest.slice(1)) {
    const error = check(witPath); // warm-up (and validity check)
    if (error) { console.log(JSON.stringify({ path: witPath, error })); continue; }
    check(witPath);
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      check(witPath);
      ms.push(performance.now() - t0);
    }
    console.log(JSON.stringify({ path: witPath, ms }));
  }
} else if (mode === 'serve') {
  const readline = await import('node:readline');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const paths = line.split('\t');
    const t0 = performance.now();
    let error = null;
    for (const witPath of paths) error = error || check(witPath);
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify(error ? { error } : { ms }) + '\n');
  }
} else {
  console.error('usage: wit-parse-timer.mjs JCO_DIR warm RUNS PATH... | serve | once PATH');
  process.exit(2);
}
