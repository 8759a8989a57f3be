// The contract check's wit-component step (tests/BindGen.Tests/Contract): for each job, turn the stub core module
// (WebAssembly text) plus the world's component-type WIT into a component with jco's JavaScript API, exactly as the
// linker would (component embed, then component new). Usage:
//   node contract-check.mjs <jco package folder> <jobs.json> <results.json>
// jobs.json: [{ "name", "wat", "wit", "world", "encoding", "out" }]; results.json: [{ "name", "ok", "error", "canon" }]
// where "canon" lists the `canon` definitions of the component (what each core import and export became).
import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [jcoFolder, jobsFile, resultsFile] = process.argv.slice(2);
const jco = await import(pathToFileURL(path.join(jcoFolder, "dist", "api.js")).href);
const jobs = JSON.parse(await readFile(jobsFile, "utf8"));
const results = [];
for (const job of jobs) {
  const result = { name: job.name, ok: false, error: null, canon: [] };
  try {
    const core = await jco.parse(job.wat);
    const embedded = await jco.componentEmbed({ binary: core, witSource: job.wit, world: job.world, stringEncoding: job.encoding });
    const component = await jco.componentNew(embedded, []);
    await writeFile(job.out, component);
    const text = await jco.print(component);
    for (const line of text.split("\n")) {
      const match = /\(canon (.*)\)\)?\s*$/.exec(line.trim());
      if (match) result.canon.push(line.trim());
    }
    result.ok = true;
  } catch (e) {
    result.error = String(e && e.stack ? e.message || e : e);
  }
  results.push(result);
}
await writeFile(resultsFile, JSON.stringify(results));
