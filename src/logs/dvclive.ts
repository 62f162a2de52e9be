import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isDir } from './fs-checks.js';
import { PlateauDoctorError } from '../errors.js';
import { columnKind, roleOf, selectByName } from './columns.js';
import type { LossLog, LossSeries } from './loss-log.js';
import { readTabular, type ReadTabularOptions } from './tabular.js';

/**
 * DVCLive's output folder (`dvclive/`): one TSV per metric under `plots/metrics/`
 * (`step<TAB><name>`, older versions also `timestamp`), the key being the path below it
 * (`train/loss.tsv` is `train/loss`). Each TSV is read by the table reader.
 */

/** The `plots/metrics` folder of a DVCLive directory (or the directory itself when it is one). */
function metricsDir(dir: string): string | undefined {
  for (const candidate of [path.join(dir, 'plots', 'metrics'), dir]) {
    if (path.basename(candidate) === 'metrics' && path.basename(path.dirname(candidate)) === 'plots' && isDir(candidate)) return candidate;
  }
  return undefined;
}

function tsvFiles(root: string): { file: string; key: string }[] {
  const out: { file: string; key: string }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
      else if (e.isFile() && e.name.endsWith('.tsv')) out.push({ file: path.join(dir, e.name), key: `${prefix}${e.name.slice(0, -4)}` });
    }
  };
  walk(root, '');
  return out;
}

export function isDvcliveDir(dir: string): boolean {
  const m = metricsDir(dir);
  return m !== undefined && tsvFiles(m).length > 0;
}

/** The TSV files of a DVCLive folder (keyed by their path below `plots/metrics`) and the keys analysed (loss metrics, else all, or `--column`). */
export function dvcliveFiles(dir: string, columns: string[] | undefined): { root: string; files: { file: string; key: string }[]; chosen: string[]; notes: string[] } {
  const root = metricsDir(dir);
  if (!root) throw new PlateauDoctorError(`${dir}: not a DVCLive folder (no plots/metrics/ directory)`);
  const files = tsvFiles(root);
  const keys = files.map((f) => f.key);
  const notes: string[] = [];
  let chosen = keys.filter((k) => columnKind(k) === 'loss');
  if (columns && columns.length > 0) chosen = selectByName(dir, keys, (k) => [k], columns, { one: 'metric', many: 'metrics', all: keys });
  else if (chosen.length === 0) {
    chosen = keys;
    notes.push(`no metric is named like a loss: analysing every metric (${keys.join(', ')}); choose with --column`);
  }
  return { root, files, chosen, notes };
}

/** A DVCLive folder: one series per loss metric (every metric when none is named like a loss). */
export async function readDvclive(dir: string, options: ReadTabularOptions = {}): Promise<LossLog> {
  const { root, files, chosen, notes } = dvcliveFiles(dir, options.columns);
  const keys = files.map((f) => f.key);
  const series: LossSeries[] = [];
  for (const f of files) {
    if (!chosen.includes(f.key)) continue;
    const log = await readTabular(f.file, { x: options.x, restarts: options.restarts, keepPartialLastLine: options.keepPartialLastLine, columns: [path.basename(f.key)] });
    for (const s of log.series) series.push({ ...s, name: f.key, role: roleOf(f.key) });
  }
  if (series.length === 0) throw new PlateauDoctorError(`${dir}: the DVCLive folder has no metric values (${keys.join(', ') || 'no .tsv files'})`);
  return { file: dir, format: 'dvclive', series, notes: [`DVCLive folder: ${files.length} metric file(s) under ${path.relative(dir, root) || '.'}`, ...notes] };
}

export const dvcliveFormat = {
  name: 'dvclive',
  sniffDir: (dir: string) => isDvcliveDir(dir),
  read: (dir: string, options: ReadTabularOptions) => readDvclive(dir, options),
};
