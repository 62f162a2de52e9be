import { describe, expect, it } from 'vitest';
import { formatTally, nameKeys, normaliseName, normalisePath, pairAgreement, seriesAgreement, type SeriesOutput } from './agreement.js';
import type { PairLabel, SeriesLabel } from './label-types.js';

function label(partial: Partial<SeriesLabel> & Pick<SeriesLabel, 'file' | 'series' | 'accept'>): SeriesLabel {
  return { corpus: 'real-logs-2', run: null, role: 'train', confidence: 'clear', half: 'tune', note: '', ...partial };
}

function pairLabel(partial: Partial<PairLabel> & Pick<PairLabel, 'file' | 'val' | 'accept'>): PairLabel {
  return { corpus: 'real-logs-2', run: null, train: 'loss', bestAt: null, bestAtTolerance: null, confidence: 'clear', half: 'tune', note: '', ...partial };
}

describe('normaliseName', () => {
  it('folds case and separators and reads run markers', () => {
    expect(normaliseName('Train Loss')).toEqual({ base: 'train_loss', run: null });
    expect(normaliseName('train/box_loss')).toEqual({ base: 'train_box_loss', run: null });
    expect(normaliseName('val_loss (run 3)')).toEqual({ base: 'val_loss', run: 3 });
    expect(normaliseName('run07 val_loss')).toEqual({ base: 'val_loss', run: 7 });
    expect(normaliseName('run2 Val Loss')).toEqual({ base: 'val_loss', run: 2 });
  });
  it('takes a parenthesised short tag as another name of the series', () => {
    expect(nameKeys('train loss (trl)')).toEqual({ keys: ['train_loss_(trl)', 'trl'], run: null });
    expect(nameKeys('val loss (tel) (run 2)')).toEqual({ keys: ['val_loss_(tel)', 'tel'], run: 2 });
    expect(nameKeys('val_loss')).toEqual({ keys: ['val_loss'], run: null });
    // not a short tag: spaces, or longer than 8 characters
    expect(nameKeys('loss (smoothed over steps)').keys).toEqual(['loss_(smoothed_over_steps)']);
  });
  it('strips the corpus and shared prefixes from paths', () => {
    expect(normalisePath('../shared/real-logs-2/yolox/a.txt')).toBe('yolox/a.txt');
    expect(normalisePath('real-logs/plain/b.csv')).toBe('plain/b.csv');
    expect(normalisePath('plain/b.csv', 'real-logs')).toBe('plain/b.csv');
  });
});

describe('seriesAgreement', () => {
  const labels: SeriesLabel[] = [
    label({ file: 'a.csv', series: 'loss', accept: ['descending'] }),
    label({ file: 'a.csv', series: 'val_loss', role: 'val', accept: ['overfitting'], half: 'tune' }),
    label({ file: 'b.csv', series: 'loss', accept: ['plateau', 'descending'], confidence: 'ambiguous', half: 'confirm' }),
    label({ file: 'c.log', series: 'val_loss', run: 2, accept: ['plateau'], half: 'confirm' }),
    label({ file: 'd.json', series: 'loss', accept: ['insufficient_data'], noCurve: true }),
  ];

  it('counts agreement overall, on clear labels and per half', () => {
    const outputs: SeriesOutput[] = [
      { file: 'a.csv', series: 'train_loss', verdict: 'descending' }, // loose name match (train_ prefix)
      { file: 'a.csv', series: 'val_loss', verdict: 'diverging' }, // wrong
      { file: 'b.csv', series: 'LOSS', verdict: 'Plateau' },
      { file: 'c.log', series: 'val_loss (run 2)', verdict: 'plateau' },
      { file: 'c.log', series: 'val_loss (run 1)', verdict: 'plateau' }, // no label: unlabelled
    ];
    const a = seriesAgreement(labels, outputs);
    expect(a.overall).toEqual({ n: 5, agree: 4, rate: 0.8 });
    expect(a.clear).toEqual({ n: 4, agree: 3, rate: 0.75 });
    expect(a.byHalf.tune).toEqual({ n: 3, agree: 2, rate: 2 / 3 });
    expect(a.byHalf.confirm).toEqual({ n: 2, agree: 2, rate: 1 });
    expect(a.missing).toBe(1); // d.json: no output, and that is right (noCurve)
    expect(a.unlabelled).toBe(1);
    expect(a.tuneDisagreements.map((r) => [r.label.file, r.label.series, r.got])).toEqual([['a.csv', 'val_loss', 'diverging']]);
  });

  it('never itemises the confirm half', () => {
    const a = seriesAgreement(labels, [{ file: 'b.csv', series: 'loss', verdict: 'stuck' }]);
    expect(a.byHalf.confirm.agree).toBe(0);
    expect(a.tuneRows.every((r) => r.label.half === 'tune')).toBe(true);
    expect(a.tuneDisagreements.some((r) => r.label.file === 'b.csv')).toBe(false);
  });

  it('a missing output disagrees unless the label says there is no curve', () => {
    const a = seriesAgreement(labels, []);
    expect(a.overall.agree).toBe(1);
    expect(a.missing).toBe(5);
    expect(a.tuneDisagreements.map((r) => r.got)).toEqual([null, null]);
  });

  it('maps run names to ordinals by first appearance and keeps runs apart', () => {
    const runs = [
      label({ file: 'r.csv', series: 'loss', run: 1, accept: ['descending'] }),
      label({ file: 'r.csv', series: 'loss', run: 2, accept: ['diverging'] }),
    ];
    const a = seriesAgreement(runs, [
      { file: 'r.csv', series: 'loss', run: 'brisk-fog-1', verdict: 'descending' },
      { file: 'r.csv', series: 'loss', run: 'calm-sea-2', verdict: 'descending' },
    ]);
    expect(a.tuneRows.map((r) => r.agree)).toEqual([true, false]);
  });

  it('does not let one output answer for two labels, nor a loose match pick between two', () => {
    const two = [
      label({ file: 'x.csv', series: 'loss', accept: ['descending'] }),
      label({ file: 'x.csv', series: 'train_loss', accept: ['descending'] }),
    ];
    const a = seriesAgreement(two, [{ file: 'x.csv', series: 'train/loss', verdict: 'descending' }]);
    expect(a.overall.agree).toBe(1);
    expect(a.unlabelled).toBe(0);
  });

  it('pairs the last label and output of a file when nothing else is left there', () => {
    const one = [label({ file: 'm/metrics/loss', series: 'loss', accept: ['plateau'] })];
    expect(seriesAgreement(one, [{ file: 'm/metrics/loss', series: 'swahili.metrics.loss', verdict: 'plateau' }]).overall.agree).toBe(1);
    const two = [...one, label({ file: 'm/metrics/loss', series: 'val', accept: ['plateau'] })];
    expect(seriesAgreement(two, [{ file: 'm/metrics/loss', series: 'swahili.metrics.loss', verdict: 'plateau' }]).overall.agree).toBe(0);
  });

  it('matches a label named by the short tag a log prints next to the name (llm.c)', () => {
    const tagged = [
      label({ file: 'main.log', series: 'trl', accept: ['descending'] }),
      label({ file: 'main.log', series: 'tel', role: 'val', accept: ['plateau'] }),
    ];
    const a = seriesAgreement(tagged, [
      { file: 'main.log', series: 'train loss (trl)', verdict: 'descending' },
      { file: 'main.log', series: 'val loss (tel)', verdict: 'plateau' },
    ]);
    expect(a.overall).toEqual({ n: 2, agree: 2, rate: 1 });
    expect(a.unlabelled).toBe(0);
    const p = pairAgreement([pairLabel({ file: 'main.log', train: 'trl', val: 'tel', accept: ['both_plateau'] })], [
      { file: 'main.log', train: 'train loss (trl)', val: 'val loss (tel)', kind: 'both_plateau' },
    ]);
    expect(p.overall.agree).toBe(1);
  });

  it('uses aliases and the corpus in the path', () => {
    const a = seriesAgreement(
      [label({ corpus: 'real-logs', file: 'plain/p.txt', series: 'loss', aliases: ['column 2'], accept: ['plateau'] })],
      [{ file: '../shared/real-logs/plain/p.txt', series: 'column 2', verdict: 'plateau' }, { file: '../shared/real-logs-2/plain/p.txt', series: 'column 2', verdict: 'stuck' }],
    );
    expect(a.overall).toEqual({ n: 1, agree: 1, rate: 1 });
    expect(a.unlabelled).toBe(1);
  });
});

describe('pairAgreement', () => {
  const labels = [
    pairLabel({ file: 'f.csv', val: 'valid_loss', train: 'train_loss', accept: ['overfitting'], bestAt: 6, bestAtTolerance: [4, 7] }),
    pairLabel({ file: 'g.csv', val: 'val_loss', accept: ['both_descending'], bestAt: 14, bestAtTolerance: [13, 14], half: 'confirm' }),
    pairLabel({ file: 's.rb', run: 3, val: 'val_loss', accept: ['generalization_gap', 'overfitting'], confidence: 'ambiguous', bestAt: 10, bestAtTolerance: [6, 10] }),
  ];

  it('checks the kind and the best epoch separately', () => {
    const a = pairAgreement(labels, [
      { file: 'f.csv', train: 'train_loss', val: 'valid_loss', kind: 'overfitting', bestAt: 9 }, // kind right, best epoch outside [4, 7]
      { file: 'g.csv', train: 'loss', val: 'val_loss', kind: 'both_descending', bestAt: 14 },
      { file: 's.rb', train: 'loss (run 3)', val: 'val_loss (run 3)', kind: 'generalization_gap', bestAt: 8 },
    ]);
    expect(a.overall).toEqual({ n: 3, agree: 3, rate: 1 });
    expect(a.bestAt).toEqual({ n: 3, agree: 2, rate: 2 / 3 });
    expect(a.bestAtByHalf.confirm).toEqual({ n: 1, agree: 1, rate: 1 });
    expect(a.tuneDisagreements.map((r) => r.label.file)).toEqual(['f.csv']);
  });

  it('counts a missing pair as a disagreement', () => {
    const a = pairAgreement(labels, [{ file: 'g.csv', train: 'loss', val: 'val_loss', kind: 'overfitting' }]);
    expect(a.overall.agree).toBe(0);
    expect(a.missing).toBe(2);
    expect(a.bestAt.agree).toBe(0);
  });
});

describe('formatTally', () => {
  it('prints a rate with its counts', () => {
    expect(formatTally({ n: 3, agree: 2, rate: 2 / 3 })).toBe('66.7% (2/3)');
    expect(formatTally({ n: 0, agree: 0, rate: NaN })).toBe('n/a (0)');
  });
});
