/**
 * Labelling aid: prints the raw numbers of every loss series of a corpus (no verdicts).
 * Usage: npx tsx test/labels/extract.ts ../shared/real-logs-2 [substring]
 * Uses only the readers; never the detector.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readLossLog } from '../../src/logs/read-loss-log.js';

const g = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

function listFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (name === 'MANIFEST.md') continue;
    if (statSync(p).isDirectory()) out.push(...listFiles(p, root));
    else out.push(path.relative(root, p));
  }
  return out;
}

function describe(xs: number[], ys: number[]): string {
  const n = ys.length;
  if (n === 0) return '  (empty)';
  let mi = 0;
  for (let i = 1; i < n; i++) if (ys[i] < ys[mi]) mi = i;
  const head = `  n=${n} x ${g(xs[0])}..${g(xs[n - 1])} first ${g(ys[0])} min ${g(ys[mi])}@x${g(xs[mi])}(i${mi}) last ${g(ys[n - 1])}`;
  const near = xs.filter((_, i) => ys[i] <= ys[mi] + 0.02 * Math.abs(ys[mi]));
  const nearText = `\n  within 2% of min at x: ${near.length > 12 ? `${g(near[0])}..${g(near[near.length - 1])} (${near.length} points)` : near.map(g).join(' ')}`;
  if (n <= 40) return `${head}${nearText}\n  all: ${ys.map((y, i) => `${g(xs[i])}:${g(y)}`).join(' ')}`;
  const k = 12;
  const blocks: string[] = [];
  for (let b = 0; b < k; b++) {
    const lo = Math.floor((b * n) / k), hi = Math.floor(((b + 1) * n) / k);
    const seg = ys.slice(lo, hi).filter(Number.isFinite);
    const mean = seg.reduce((a, c) => a + c, 0) / Math.max(1, seg.length);
    blocks.push(`[x${g(xs[lo])}]${g(mean)}`);
  }
  return `${head}${nearText}\n  block means: ${blocks.join(' ')}`;
}

async function main(): Promise<void> {
  const [dir, filter] = process.argv.slice(2);
  for (const rel of listFiles(dir)) {
    if (filter && !rel.includes(filter)) continue;
    const file = path.join(dir, rel);
    try {
      const log = await readLossLog(file);
      console.log(`## ${rel} [${log.format}] ${log.series.length} series${log.notes?.length ? ` notes: ${log.notes.join('; ')}` : ''}`);
      for (const s of log.series) {
        console.log(`- ${s.name} (${s.role}, x=${s.x}${s.stepsPerEpoch ? `, spe=${s.stepsPerEpoch}` : ''})${s.notes?.length ? ` notes: ${s.notes.join('; ')}` : ''}`);
        console.log(describe(s.xs, s.ys));
        if (s.lrs?.some(Number.isFinite)) {
          const l = s.lrs;
          const f = l.filter(Number.isFinite);
          const max = Math.max(...f);
          const imax = l.indexOf(max);
          console.log(`  lr first ${g(f[0])} max ${g(max)}@x${g(s.xs[imax])} last ${g(f[f.length - 1])}`);
        }
      }
    } catch (e) {
      console.log(`## ${rel} UNREADABLE: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}
void main();
