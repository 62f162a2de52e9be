import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDataset, encodeDataset, escapeHtml, jsonForScript } from '../../src/report/html.js';
import { buildRunReport, writeRunReport } from '../../src/report/run-report.js';
import { buildAnalyzeReport, writeAnalyzeReport, analyzeReportFile } from '../../src/report/analyze-report.js';
import { fourRuns, syntheticRun } from './synthetic.js';

const HOSTILE = '</script><script>window.__pwned=1</script>';

function payload(html: string): { datasets: Record<string, unknown>; charts: Array<{ id: string; datasets: string[] }> } {
  const m = html.match(/<script type="application\/json" id="pd-data">([^]*?)<\/script>/);
  if (!m) throw new Error('no data block');
  return JSON.parse(m[1]);
}

describe('escaping', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes JSON that cannot close a script element and parses back to the same value', () => {
    const value = { name: HOSTILE, other: '<!-- & \u2028 -->' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('compact data encoding', () => {
  it('round-trips rows with sequences, smooth floats, repeated strings, nulls and nested gaps', () => {
    const rows: Array<Record<string, unknown>> = [];
    for (const run of ['a', 'b<', 'c']) for (let step = 1; step <= 500; step++) rows.push({ run, step, loss: Number((2 * Math.exp(-step / 50) + 0.1).toPrecision(5)), tag: step % 7 === 0 ? null : 'x' });
    rows[10].extra = 3;
    const encoded = encodeDataset(rows);
    expect(encoded.columns.step).toEqual({ seg: [1, 1, 500, 1, 1, 500, 1, 1, 500] });
    expect(encoded.columns.run).toEqual({ dict: ['a', 'b<', 'c'], rle: [0, 500, 1, 500, 2, 500] });
    expect('q' in encoded.columns.loss).toBe(true);
    const decoded = decodeDataset(JSON.parse(JSON.stringify(encoded)));
    expect(decoded).toHaveLength(rows.length);
    decoded.forEach((row, i) => {
      expect(row.run).toBe(rows[i].run);
      expect(row.step).toBe(rows[i].step);
      expect(row.tag).toBe(rows[i].tag);
      expect(row.loss as number).toBeCloseTo(rows[i].loss as number, 12);
      expect(row.extra).toBe(i === 10 ? 3 : null);
    });
  });

  it('encodes a 1,000,000-row column without exhausting the stack', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => ({ y: 1 + Math.sin(i) / 3 }));
    const encoded = encodeDataset(rows);
    expect('q' in encoded.columns.y).toBe(true);
    expect(encoded.length).toBe(1_000_000);
  });

  it('keeps tiny and huge magnitudes and non-finite values', () => {
    const rows = [1e-9, 2.5e-9, 3e-9, 1e6].map((v) => ({ v }));
    const decoded = decodeDataset(encodeDataset(rows));
    decoded.forEach((r, i) => expect(Math.abs((r.v as number) - rows[i].v) / rows[i].v).toBeLessThan(1e-5));
    const withNull = [{ v: 1.5 }, { v: null }, { v: 2.5 }];
    expect(decodeDataset(encodeDataset(withNull))).toEqual(withNull);
  });
});

describe('buildRunReport', () => {
  const runs = fourRuns();
  const html = buildRunReport(runs);

  it('stays under 1.5 MB for 4 runs x 10 epochs x 938 steps', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(1.5e6);
  });

  it('inlines vega, vega-lite and vega-embed and loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).toContain('vegaEmbed');
    expect(html.match(/<script>/g)!.length).toBe(4);
  });

  it('names the test set size from the runs', () => {
    expect(html.includes('Accuracy is on the 10,000-image test set after the last epoch')).toBe(true);
  });

  it('carries three charts with their data', () => {
    const p = payload(html);
    expect(p.charts.map((c) => c.id)).toEqual(['chart-steps', 'chart-epoch-loss', 'chart-accuracy']);
    for (const c of p.charts) for (const d of c.datasets) expect(p.datasets).toHaveProperty(d);
  });

  it('shows user strings as text only', () => {
    const hostile = fourRuns();
    hostile[1].meta.name = HOSTILE;
    hostile[0].meta.schedule = `<img src=x onerror=alert(1)>`;
    hostile[1].lrChanges[0].reason = '<b>bold</b>';
    const page = buildRunReport(hostile, { title: '<i>t</i>' });
    const has = (text: string) => page.includes(text);
    expect(has('<script>window.__pwned')).toBe(false);
    expect(has('<img src=x')).toBe(false);
    expect(has('<b>bold</b>')).toBe(false);
    expect(has('<i>t</i>')).toBe(false);
    // As text in the LR-change table and the summary table.
    expect(has('<td>&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</td>')).toBe(true);
    expect(has('&lt;img src=x onerror=alert(1)&gt;')).toBe(true);
    expect(has('&lt;b&gt;bold&lt;/b&gt;')).toBe(true);
    // And in the chart data, escaped inside JSON.
    expect(has('\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1')).toBe(true);
  });
});

describe('writeRunReport and writeAnalyzeReport', () => {
  it('write atomically, replace an older file and leave no temporary files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-report-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, 'old');
    const { bytes } = writeRunReport(file, [syntheticRun('none', 'none', { epochs: 2, stepsPerEpoch: 20 })]);
    expect(readFileSync(file, 'utf8').startsWith('<!doctype html>')).toBe(true);
    expect(bytes).toBe(readFileSync(file).length);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('builds one panel per analysed file and lists unreadable files as text', () => {
    const xs = [1, 2, 3, 4, 5];
    const ok = analyzeReportFile({ file: 'a<b>.csv', format: 'csv', series: [{ name: 'loss', role: 'train', x: 'epoch', xs, ys: [2, 1, 0.5, 0.4, 0.39] }] }, [null]);
    const files = [ok, { kind: 'error' as const, file: 'bad<script>.csv', error: 'empty file' }, ok];
    const html = buildAnalyzeReport(files);
    expect(payload(html).charts.map((c) => c.id)).toEqual(['chart-file-1', 'chart-file-3']);
    // Series in steps and in epochs get one panel each.
    const mixed = analyzeReportFile(
      { file: 'metrics.csv', format: 'lightning', series: [{ name: 'train_loss_step', role: 'train', x: 'step', xs: [10, 20, 30], ys: [2, 1, 0.5] }, { name: 'val_loss', role: 'validation', x: 'epoch', xs: [0, 1, 2], ys: [1.5, 0.9, 0.6] }] },
      [null, null],
    );
    expect(payload(buildAnalyzeReport([mixed])).charts.map((c) => c.id)).toEqual(['chart-file-1-1', 'chart-file-1-2']);
    expect(html).toContain('<h2>bad&lt;script&gt;.csv</h2>');
    expect(html).toContain('Could not be analysed: empty file');
    expect(html).not.toContain('a<b>.csv');
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-analyze-'));
    const out = path.join(dir, 'a.html');
    expect(writeAnalyzeReport(out, files).path).toBe(out);
    expect(readFileSync(out, 'utf8').replace(/Generated [^<]*UTC/, '')).toBe(html.replace(/Generated [^<]*UTC/, ''));
  });
});
