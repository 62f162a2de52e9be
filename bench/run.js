#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.{ts,mjs,js} in name order, each in its own
// process (TypeScript through tsx), and prints their tables. Each script writes its JSON
// results under bench/results/. Options: --only <substring> (repeatable) runs only the
// matching scripts; any other argument after `--` is passed to every script.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const only = [];
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--only') only.push(args[++i]);
  else passThrough.push(args[i]);
}

mkdirSync(path.join(here, 'results'), { recursive: true });
const scripts = readdirSync(here)
  .filter((f) => /\.bench\.(ts|mjs|js)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

if (scripts.length === 0) {
  console.error(`no benchmark matches ${only.join(', ') || 'bench/*.bench.*'}`);
  process.exit(2);
}

const outcomes = [];
for (const script of scripts) {
  const file = path.join(here, script);
  const nodeArgs = script.endsWith('.ts') ? ['--import', 'tsx', file] : [file];
  console.log(`\n=== ${script} ===`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, ...passThrough], { stdio: 'inherit', cwd: path.dirname(here) });
  const seconds = (performance.now() - t0) / 1000;
  outcomes.push({ script, status: r.status ?? (r.signal ? `signal ${r.signal}` : 'error'), seconds });
}

console.log('\n=== summary ===');
for (const o of outcomes) {
  console.log(`${o.script.padEnd(32)} ${o.status === 0 ? 'ok' : `exit ${o.status}`}  (${o.seconds.toFixed(1)} s)`);
}
process.exitCode = outcomes.every((o) => o.status === 0) ? 0 : 1;
