import type { RunLog } from '../logs/run-log.js';
import { xValue } from '../numbers.js';

/**
 * What makes two runs' final accuracies comparable: the same data (set, contents, validation and
 * test split sizes), the same number of epochs, initial learning rate and batch size. Runs that
 * differ in any of these differ for reasons other than their schedule, so a report names a
 * winner only among runs of one setup. Values are kept as text ("not recorded" when absent).
 */
export interface Setup {
  dataset: string;
  checksum: string;
  trainSize: string;
  valSize: string;
  testSize: string;
  epochs: string;
  lr: string;
  batchSize: string;
}

/** How each setup field is named in a sentence. */
const FIELD_WORDS: Record<keyof Setup, string> = {
  dataset: 'data set',
  checksum: 'data contents (checksum)',
  trainSize: 'training images',
  valSize: 'validation images',
  testSize: 'test images',
  epochs: 'epochs',
  lr: 'initial LR',
  batchSize: 'batch size',
};

export interface SetupGroup {
  setup: Setup;
  /** Indices of the runs with this setup, in run order. */
  runs: number[];
  /** "mnist, 10 epochs, initial LR 0.01, batch 64, 55,000 training / 5,000 validation / 10,000 test images". */
  description: string;
}

const NOT_RECORDED = 'not recorded';

function text(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : NOT_RECORDED;
  return typeof value === 'string' && value !== '' ? value : NOT_RECORDED;
}

function count(value: string): string {
  const n = Number(value);
  return value !== NOT_RECORDED && Number.isFinite(n) ? xValue(n) : value;
}

/** The setup of one run, from its run.json (planned epochs from config, else the epochs it logged). */
export function setupOf(log: RunLog): Setup {
  const c = log.meta.config ?? {};
  const d = log.meta.dataset;
  return {
    dataset: text(d?.name),
    checksum: text(d?.checksum),
    trainSize: text(d?.trainSize),
    valSize: text(d?.valSize),
    testSize: text(d?.testSize),
    epochs: text(c.epochs ?? (log.epochs.length || undefined)),
    lr: text(c.lr),
    batchSize: text(c.batchSize),
  };
}

/** A setup in a few words. */
export function describeSetup(s: Setup): string {
  return `${s.dataset}, ${s.epochs} epochs, initial LR ${s.lr}, batch ${s.batchSize}, ${count(s.trainSize)} training / ${count(s.valSize)} validation / ${count(s.testSize)} test images`;
}

/** The fields two setups differ in, in words: ["data set mnist vs fashion-mnist", "epochs 10 vs 30"]. */
export function setupDifferences(a: Setup, b: Setup): string[] {
  return (Object.keys(FIELD_WORDS) as (keyof Setup)[]).filter((k) => a[k] !== b[k]).map((k) => `${FIELD_WORDS[k]} ${a[k]} vs ${b[k]}`);
}

/** Groups runs by setup, in order of first appearance. `groupOf[i]` is run i's group index. */
export function groupBySetup(runs: readonly RunLog[]): { groups: SetupGroup[]; groupOf: number[] } {
  const groups: SetupGroup[] = [];
  const keys: string[] = [];
  const groupOf = runs.map((r, i) => {
    const setup = setupOf(r);
    const key = JSON.stringify(setup);
    let g = keys.indexOf(key);
    if (g < 0) {
      g = keys.push(key) - 1;
      groups.push({ setup, runs: [], description: describeSetup(setup) });
    }
    groups[g]!.runs.push(i);
    return g;
  });
  return { groups, groupOf };
}

/**
 * Why the setups are not compared, one sentence: "Runs of different setups are not compared:
 * setup 2 differs from setup 1 in data set mnist vs fashion-mnist and epochs 10 vs 30."
 */
export function notComparedSentence(groups: readonly SetupGroup[]): string {
  const first = groups[0]!;
  const parts = groups.slice(1).map((g, k) => `setup ${k + 2} differs from setup 1 in ${listWords(setupDifferences(first.setup, g.setup))}`);
  return `Runs of different setups are not compared (their accuracies differ for reasons other than the schedule): ${parts.join('; ')}.`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
