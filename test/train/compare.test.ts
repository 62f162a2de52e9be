import { beforeAll, describe, expect, it } from 'vitest';
import type { RunMeta, StepRecord } from '../../src/logs/run-log.js';
import { trainComparison } from '../../src/train/compare.js';
import { loadDataset, type Dataset } from '../../src/train/data/datasets.js';
import type { RunEvent, RunPlan } from '../../src/train/events.js';
import { sharedDir, sharedPath } from '../helpers/shared.js';

let dataset: Dataset;
beforeAll(async () => {
  if (!sharedDir) console.warn('compare tests: ../shared absent, training on the bundled MNIST subset instead');
  dataset = await loadDataset(
    sharedDir ? { dataset: 'mnist', dataDir: sharedPath('mnist'), download: false } : { dataset: 'mnist', dataDir: '/nonexistent-plateau-doctor', download: false },
  );
});

function plans(): RunPlan[] {
  const base = { schedule: 'none', scheduleOptions: {}, epochs: 2, batchSize: 64, dataset: 'mnist', dataDir: 'unused', backend: 'wasm' } as const;
  return [
    { ...base, name: 'a', seed: 0, lr: 0.01, valSize: 200 },
    { ...base, name: 'b', seed: 0, lr: 0.03, valSize: 200 },
    { ...base, name: 'c', seed: 1, lr: 0.01, valSize: 0 },
  ];
}

async function run(jobs: number, signalAfterSteps?: number) {
  const events: RunEvent[] = [];
  const abort = new AbortController();
  const metas = await trainComparison(plans(), {
    jobs,
    datasets: { mnist: dataset },
    limit: { train: 1200, test: 300 },
    signal: abort.signal,
    emit: (e) => {
      events.push(e);
      if (signalAfterSteps !== undefined && e.kind === 'steps' && events.filter((x) => x.kind === 'steps').length >= signalAfterSteps) abort.abort();
    },
  });
  const steps = (name: string) => events.flatMap((e) => (e.kind === 'steps' && e.run === name ? e.steps : [])) as StepRecord[];
  return { events, metas, steps };
}

const strip = (m: RunMeta) => ({ ...m, startedAt: '', finishedAt: '', timings: null, samplesPerSecond: 0 });

describe('trainComparison', () => {
  it('gives identical results in worker threads and in this thread (same seeds)', async () => {
    const serial = await run(1);
    const parallel = await run(2);
    expect(parallel.metas.map((m) => m.name)).toEqual(['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) {
      const s = serial.steps(name);
      expect(s).toHaveLength(2 * Math.ceil((name === 'c' ? 1200 : 1000) / 64));
      expect(parallel.steps(name)).toEqual(s);
    }
    expect(parallel.metas.map(strip)).toEqual(serial.metas.map(strip));
    for (const m of parallel.metas) expect(m.status).toBe('completed');
    // Every run's events arrive in order: start first, end last.
    for (const name of ['a', 'b', 'c']) {
      const kinds = parallel.events.filter((e) => e.run === name).map((e) => e.kind);
      expect(kinds[0]).toBe('start');
      expect(kinds.at(-1)).toBe('end');
    }
    // Runs with the same seed start from the same weights: identical first step.
    expect(serial.steps('b')[0].loss).toBe(serial.steps('a')[0].loss);
    expect(serial.steps('c')[0].loss).not.toBe(serial.steps('a')[0].loss);
  });

  it('passes an abort to the workers: running runs end as interrupted, the rest do not start', async () => {
    const { metas, events } = await run(2, 1);
    expect(metas.length).toBeGreaterThanOrEqual(1);
    expect(metas.length).toBeLessThanOrEqual(2);
    for (const m of metas) expect(m.status).toBe('interrupted');
    expect(events.some((e) => e.run === 'c')).toBe(false);
  });

  it('rethrows a run error (unknown schedule) from a worker as a user error', async () => {
    const bad = { ...plans()[0], schedule: 'nope' };
    await expect(
      trainComparison([bad, plans()[1]], { jobs: 2, datasets: { mnist: dataset }, limit: { train: 300, test: 100 }, emit: () => undefined }),
    ).rejects.toMatchObject({ name: 'PlateauDoctorError', message: expect.stringMatching(/unknown schedule "nope"/) });
  });
});
