/**
 * What the current readers + detector print for every labelled file of shared/real-logs and
 * shared/real-logs-2, as agreement.ts takes it: one output per series and per train/validation
 * pair. Used by `npm run agreement` (bench/agreement.ts) and the agreement floor test.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyzeFile, type AnalyzedFile } from '../../src/app/analyze-logs.js';
import type { PairOutput, SeriesOutput } from './agreement.js';
import type { Corpus } from './label-types.js';
import { SERIES_LABELS } from './series-labels.js';

export interface Outputs { series: SeriesOutput[]; pairs: PairOutput[]; errors: string[] }

/** Pair diagnoses, when the analysis provides them (a `pairs` list next to `series`). */
function pairsOf(f: AnalyzedFile & { kind: 'ok' }, corpus: Corpus, file: string): PairOutput[] {
  const raw = (f as unknown as { pairs?: Array<Record<string, unknown>> }).pairs ?? [];
  return raw.map((p) => ({
    corpus, file,
    run: (p.run as number | string | null | undefined) ?? null,
    train: String(p.train ?? p.trainName ?? ''),
    val: String(p.val ?? p.validation ?? p.valName ?? ''),
    kind: String(p.kind ?? p.verdict ?? ''),
    bestAt: typeof p.bestAt === 'number' ? p.bestAt : null,
  }));
}

export async function runTool(shared: string): Promise<Outputs> {
  const out: Outputs = { series: [], pairs: [], errors: [] };
  const files = [...new Map(SERIES_LABELS.map((l) => [`${l.corpus}/${l.file}`, l])).values()];
  for (const { corpus, file } of files) {
    const abs = path.join(shared, corpus, file);
    if (!existsSync(abs)) {
      out.errors.push(`${corpus}/${file}: absent`);
      continue;
    }
    const result = await analyzeFile(abs);
    if (result.kind === 'error') {
      out.errors.push(`${corpus}/${file}: ${result.error}`);
      continue;
    }
    for (const s of result.series) out.series.push({ corpus, file, series: s.name, run: null, verdict: s.verdict });
    out.pairs.push(...pairsOf(result, corpus, file));
  }
  return out;
}
