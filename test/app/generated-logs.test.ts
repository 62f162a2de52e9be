/**
 * Generated logs of every shape issue 10 names, written as files in the dialects users have
 * (Keras CSVLogger, fastai, plain step CSV with an LR column, HF trainer_state.json, a test loss
 * logged every epoch) and read through the whole `analyze` path: reader, pairing, diagnosis,
 * advice. The expected answer of each shape was fixed with the generator, before it was run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/app/analyze-logs.js';
import { Rng } from '../../src/rng.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pd-generated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, header: string[], rows: number[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [header.join(','), ...rows.map((r) => r.map((v) => (Number.isInteger(v) ? String(v) : v.toPrecision(6))).join(','))].join('\n') + '\n');
  return file;
}

async function analyzed(file: string) {
  const r = await analyzeFile(file);
  if (r.kind !== 'ok') throw new Error(`${file}: ${r.error}`);
  return r;
}

const NAMES: Array<[string, string]> = [
  ['loss', 'val_loss'],
  ['train_loss', 'valid_loss'],
  ['train/loss', 'eval/loss'],
  ['Train Loss', 'Val Loss'],
  ['train_loss', 'test_loss'],
];

describe('generated logs through analyze (issue 10 shapes)', () => {
  it('U-shaped validation (15-80 epochs, 0-3% noise, five naming dialects): overfitting, best epoch within tolerance, advice starts with early stopping', async () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = new Rng(100 + seed);
      const n = [15, 22, 35, 50, 80][seed % 5];
      const sigma = [0, 0.01, 0.03][seed % 3];
      const b = Math.round(rng.uniformIn(0.3, 0.6) * (n - 1));
      const rise = rng.uniformIn(0.25, 0.6);
      const far = Math.max(b, n - 1 - b);
      const rows = Array.from({ length: n }, (_, e) => [e, (1.5 * Math.exp((-2.5 * e) / n) + 0.05) * Math.exp(sigma * rng.normal()), 0.5 * (1 + rise * (Math.abs(e - b) / far) ** 1.5) * Math.exp(sigma * rng.normal())]);
      const [train, val] = NAMES[seed % NAMES.length];
      const r = await analyzed(csv(`u-${seed}.csv`, ['epoch', train, val], rows));
      expect(r.pairs, `seed ${seed}`).toHaveLength(1);
      const p = r.pairs[0];
      expect(p.kind, `seed ${seed} (${train}/${val}, n ${n}): ${p.summary}`).toBe('overfitting');
      expect(Math.abs(p.bestAt! - b), `seed ${seed}: best ${p.bestAt} vs ${b}`).toBeLessThanOrEqual(Math.max(2, Math.round(0.15 * n)));
      expect(p.suggestion).toMatch(/^early stopping: keep the checkpoint of epoch \d+/);
      expect(r.series.find((s) => s.name === val)!.verdict).toBe('overfitting');
    }
  });

  it('validation flat after its knee while training falls: a widening generalization gap stalled near the knee (or overfitting), advice starts with early stopping', async () => {
    for (let seed = 0; seed < 6; seed++) {
      const rng = new Rng(200 + seed);
      const n = [20, 35, 60][seed % 3];
      const knee = Math.round(rng.uniformIn(0.2, 0.4) * (n - 1));
      const rows = Array.from({ length: n }, (_, e) => [e, 1.2 * Math.exp((-2 * e) / n) * Math.exp(0.01 * rng.normal()), (e < knee ? 1 + (0.8 * (knee - e)) / knee : 1) * Math.exp(0.01 * rng.normal())]);
      const r = await analyzed(csv(`gap-${seed}.csv`, ['epoch', 'train_loss', 'val_loss'], rows));
      const p = r.pairs[0];
      expect(['generalization_gap', 'overfitting'], `seed ${seed}: ${p.summary}`).toContain(p.kind);
      if (p.kind === 'generalization_gap') expect(Math.abs(p.diagnosis.stalledSince! - knee)).toBeLessThanOrEqual(Math.max(2, Math.round(0.15 * n)));
      expect(p.suggestion).toMatch(/^early stopping/);
    }
  });

  it('both falling: both_descending, keep training; both flat after a drop: both_plateau', async () => {
    for (let seed = 0; seed < 4; seed++) {
      const rng = new Rng(300 + seed);
      const n = [25, 40][seed % 2];
      const falling = Array.from({ length: n }, (_, e) => [e, 0.8 * Math.exp((-2.4 * e) / n) * Math.exp(0.01 * rng.normal()), Math.exp((-2 * e) / n) * Math.exp(0.01 * rng.normal())]);
      const down = (await analyzed(csv(`both-${seed}.csv`, ['epoch', 'loss', 'val_loss'], falling))).pairs[0];
      expect(down.kind, down.summary).toBe('both_descending');
      expect(down.suggestion).toMatch(/keep training/);
      const flat = Array.from({ length: n }, (_, e) => [e, 0.8 * (1 + 3 * Math.exp(-e / (0.08 * n))) * Math.exp(0.01 * rng.normal()), (1 + 3 * Math.exp(-e / (0.08 * n))) * Math.exp(0.01 * rng.normal())]);
      const level = (await analyzed(csv(`flat-${seed}.csv`, ['epoch', 'loss', 'val_loss'], flat))).pairs[0];
      expect(level.kind, level.summary).toBe('both_plateau');
    }
  });

  it('a step loss that explodes at the end is diverging, or warned about, never a silent "keep training"', async () => {
    for (let seed = 0; seed < 6; seed++) {
      const rng = new Rng(400 + seed);
      const T = [300, 3000][seed % 2];
      const k = [6, 10, 20][seed % 3];
      const rows = Array.from({ length: T }, (_, i) => {
        const t = i + 1;
        return [t, 2 * (1 + t / (0.02 * T)) ** -0.5 * 1.3 ** Math.max(0, t - (T - k)) * Math.exp(0.1 * rng.normal())];
      });
      const s = (await analyzed(csv(`explode-${seed}.csv`, ['step', 'train_loss'], rows))).series[0];
      if (s.verdict !== 'diverging') expect(s.suggestion, `seed ${seed}: ${s.verdict}, ${s.summary}`).toMatch(/a spike, or a divergence starting/);
    }
  });

  it('a plateau under an LR annealed to nothing (cosine; warmup then cosine) lists no cuts and never advises a decay', async () => {
    for (let seed = 0; seed < 4; seed++) {
      const rng = new Rng(500 + seed);
      const T = 2000;
      const wu = seed % 2 === 0 ? 0 : 100;
      const lr = (t: number) => 0.1 * (t < wu ? t / wu : 0.5 * (1 + Math.cos((Math.PI * (t - wu)) / (T - wu)))) + 1e-7;
      const rows = Array.from({ length: T }, (_, i) => [i + 1, (0.4 + 2 * Math.exp(-(i + 1) / 120)) * Math.exp(0.1 * rng.normal()), lr(i + 1)]);
      const s = (await analyzed(csv(`annealed-${seed}.csv`, ['step', 'train_loss', 'lr'], rows))).series[0];
      expect(s.diagnosis.lrResponses, `seed ${seed}`).toHaveLength(0);
      expect(s.suggestion, `seed ${seed}: ${s.verdict}`).not.toMatch(/would likely help/);
    }
  });

  it('HF trainer_state.json with eval every 250 steps and a linear LR: the pair is found on the eval x axis and reads overfitting at the best eval step', async () => {
    const rng = new Rng(600);
    const history: Array<Record<string, number>> = [];
    for (let st = 10; st <= 3000; st += 10) {
      history.push({ epoch: st / 1000, step: st, loss: (1.2 * Math.exp(-st / 800) + 0.3) * Math.exp(0.05 * rng.normal()), learning_rate: 5e-5 * (1 - st / 3000) });
      if (st % 250 === 0) history.push({ epoch: st / 1000, step: st, eval_loss: 0.6 * (1 + 0.6 * (Math.abs(st - 1250) / 1750) ** 1.5) });
    }
    const file = path.join(dir, 'trainer_state.json');
    writeFileSync(file, JSON.stringify({ log_history: history, global_step: 3000, max_steps: 3000 }));
    const p = (await analyzed(file)).pairs[0];
    expect(p.kind, p.summary).toBe('overfitting');
    expect(p.bestAt).toBe(1250);
    expect(p.suggestion).toMatch(/^early stopping: keep the checkpoint of step 1,250/);
  });
});
