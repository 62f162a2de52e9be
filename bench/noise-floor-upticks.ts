/**
 * Does the LR's noise floor show in a loss log? Issue 10's offline idea, tested on
 * shared/real-logs and shared/real-logs-2: before each judged LR cut in a log (a discrete drop,
 * src/detect/lr-response.ts), count the upticks (a loss above the one before) among the 6
 * evaluations before the cut, and compare with whether the loss responded to the cut. The
 * PyTorch runs of this pipeline suggested 0 upticks where a cut hurts and 1-3 where it helps.
 * Run: `npx tsx bench/noise-floor-upticks.ts`. Findings: docs/detector.md ("Noise floor").
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { lrResponses } from '../src/detect/lr-response.js';
import { readLossLog } from '../src/logs/read-loss-log.js';
import { alignPair, findPairs } from '../src/logs/pairs.js';
import { sharedDir } from '../test/helpers/shared.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : name === 'MANIFEST.md' ? [] : [full];
  });
}

interface Curve { file: string; name: string; role: 'train' | 'validation'; xs: number[]; ys: number[]; lrs: number[]; x: 'step' | 'epoch' | 'time' }

async function curves(file: string): Promise<Curve[]> {
  let log;
  try {
    log = await readLossLog(file);
  } catch {
    return [];
  }
  const out: Curve[] = [];
  for (const s of log.series) if (s.lrs && s.role === 'train') out.push({ file, name: s.name, role: 'train', xs: s.xs, ys: s.ys, lrs: s.lrs, x: s.x });
  for (const p of findPairs(log)) {
    const a = alignPair(log.series[p.train], log.series[p.validation]);
    if (a?.lrs) out.push({ file, name: log.series[p.validation].name, role: 'validation', xs: a.xs, ys: a.val, lrs: a.lrs, x: a.x });
  }
  return out;
}

const rows: Array<{ role: string; upticks: number; responded: boolean; what: string }> = [];
for (const corpus of ['real-logs', 'real-logs-2']) {
  for (const file of filesUnder(path.join(sharedDir!, corpus))) {
    for (const c of await curves(file)) {
      for (const r of lrResponses(c.xs, c.ys, c.lrs, { x: c.x })) {
        if (!(r.newLr < r.oldLr) || r.judged === false) continue;
        const k = c.xs.findIndex((x) => x >= r.at);
        const before = c.ys.slice(Math.max(0, k - 6), k);
        if (before.length < 6) continue;
        let upticks = 0;
        for (let i = 1; i < before.length; i++) if (before[i] > before[i - 1]) upticks++;
        rows.push({ role: c.role, upticks, responded: r.responded, what: `${path.relative(sharedDir!, file)} ${c.name} at ${r.at}` });
      }
    }
  }
}
for (const role of ['validation', 'train']) {
  const of = rows.filter((r) => r.role === role);
  const tally = (f: (r: (typeof rows)[number]) => boolean) => `${of.filter((r) => f(r) && r.responded).length}/${of.filter(f).length} responded`;
  console.log(`${role} losses, ${of.length} judged LR cuts: 0 upticks in the 6 before: ${tally((r) => r.upticks === 0)}; 1-3 upticks: ${tally((r) => r.upticks >= 1 && r.upticks <= 3)}; 4-5: ${tally((r) => r.upticks >= 4)}`);
  for (const r of of) console.log(`  ${r.upticks} upticks, ${r.responded ? 'responded' : 'no response'}: ${r.what}`);
}
