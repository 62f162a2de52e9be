import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildRunReport } from '../../src/report/run-report.js';
import { analyzeReportFile, buildAnalyzeReport } from '../../src/report/analyze-report.js';
import { fourRuns, plateauDiagnosis } from './synthetic.js';

/** Debian's chromium: $PLATEAU_DOCTOR_CHROMIUM, else `chromium` or `chromium-browser` on the PATH. */
function findChromium(): string {
  if (process.env.PLATEAU_DOCTOR_CHROMIUM) return process.env.PLATEAU_DOCTOR_CHROMIUM;
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of dirs) for (const name of ['chromium', 'chromium-browser']) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  return '/usr/bin/chromium';
}

const CHROMIUM = findChromium();
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`skipped: the browser test of the HTML report needs Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`);

const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

const diagnosis = plateauDiagnosis();

describe.skipIf(!haveChromium)('HTML report in Chromium (file://, network blocked)', () => {
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    const runs = fourRuns();
    runs[1].meta.name = HOSTILE; // the `step` run, which has an LR change
    const html = buildRunReport(runs, { diagnoses: runs.map(() => diagnosis) });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pd-browser-')), 'report.html');
    writeFileSync(file, html);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-charts-rendered]', { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart with no console error and no network request', async () => {
    const state = await page.evaluate(() => {
      const s = (window as unknown as { __plateauDoctor: { rendered: number; expected: number; failed: string[] } }).__plateauDoctor;
      return { rendered: s.rendered, expected: s.expected, failed: s.failed, svgs: document.querySelectorAll('.chart[data-rendered="true"] svg.marks').length };
    });
    expect(state).toEqual({ rendered: 3, expected: 3, failed: [], svgs: 3 });
    expect(consoleErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('draws one smoothed loss line per run, the LR-change rules, the plateau bands and the knees', async () => {
    const counts = await page.evaluate(() => ({
      lossLines: document.querySelectorAll('#chart-steps g.lossSmooth_marks path').length,
      stepRules: document.querySelectorAll('#chart-steps g.lrRules_marks line').length,
      epochRules: document.querySelectorAll('#chart-epoch-loss g.epochLrRules_marks line').length,
      bands: document.querySelectorAll('#chart-steps g.plateauBands_marks path').length,
      knees: document.querySelectorAll('#chart-steps g.kneeMarks_marks path').length,
      lrLines: document.querySelectorAll('#chart-steps g.lrLine_marks path').length,
    }));
    // fourRuns: none (no change), step (1), plateau (1), doctor (2) = 4 LR changes.
    expect(counts).toEqual({ lossLines: 4, stepRules: 4, epochRules: 4, bands: 4, knees: 4, lrLines: 4 });
  });

  it('shows a hostile run name as text and runs none of it', async () => {
    const result = await page.evaluate((hostile) => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
      inTable: [...document.querySelectorAll('#lr-changes td')].some((td) => td.textContent === hostile),
      inLegend: [...document.querySelectorAll('#chart-accuracy text')].some((t) => (t.textContent ?? '').startsWith('</script><script>')),
    }), HOSTILE);
    expect(result).toEqual({ pwned: undefined, scripts: 5, images: 0, inTable: true, inLegend: true });
  });

  it('shows the reason and evidence of an LR change in the rule tooltip, names as text', async () => {
    // The doctor run's first change (after epoch 4) carries a verdict and evidence; the step run has the hostile name.
    const rules = page.locator('#chart-steps g.lrRules_marks line');
    const texts: string[] = [];
    for (let i = 0; i < (await rules.count()); i++) {
      await page.mouse.move(0, 0);
      await page.waitForSelector('#vg-tooltip-element.visible', { state: 'detached', timeout: 15_000 }).catch(() => undefined);
      await rules.nth(i).scrollIntoViewIfNeeded();
      const box = (await rules.nth(i).boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 15_000 });
      texts.push((await page.locator('#vg-tooltip-element').textContent()) ?? '');
    }
    await page.mouse.move(0, 0);
    const doctor = texts.find((t) => t.includes('doctor: decay after epoch 4'));
    expect(doctor).toBeDefined();
    expect(doctor).toContain('plateau');
    expect(doctor).toContain('trend.relative=-0.003');
    expect(texts.some((t) => t.includes(HOSTILE) && t.includes('step: decay after epoch 5'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#vg-tooltip-element img').count()).toBe(0);
  });

  it('toggles the log scale, hides runs from the legend and zooms both step charts together', async () => {
    const yLabels = () => page.evaluate(() => [...document.querySelectorAll('#chart-steps g.role-axis-label text')].map((t) => t.textContent).join(' '));
    const before = await yLabels();
    // The toggle starts on (log scale); switching it off redraws the y axis.
    expect(await page.locator('#chart-steps input[type="checkbox"]').isChecked()).toBe(true);
    await page.locator('#chart-steps input[type="checkbox"]').uncheck();
    await page.waitForFunction((b) => [...document.querySelectorAll('#chart-steps g.role-axis-label text')].map((t) => t.textContent).join(' ') !== b, before, { timeout: 15_000 }).catch(() => undefined);
    expect(await yLabels()).not.toBe(before);

    // Click the legend entry of `doctor`: the other runs fade.
    const label = page.locator('#chart-steps g.role-legend-label text', { hasText: /^doctor$/ });
    await label.click();
    const faded = () => [...document.querySelectorAll('#chart-steps g.lossSmooth_marks path')].filter((p) => Number(p.getAttribute('opacity') ?? '1') < 0.2).length === 3;
    await page.waitForFunction(faded, null, { timeout: 15_000 }).catch(() => undefined);
    const opacities = await page.evaluate(() => [...document.querySelectorAll('#chart-steps g.lossSmooth_marks path')].map((p) => Number(p.getAttribute('opacity') ?? '1')));
    expect(opacities.filter((o) => o === 1)).toHaveLength(1);
    expect(opacities.filter((o) => o < 0.2)).toHaveLength(3);

    // Scroll over the LR chart: the x domain (shared with the loss chart) narrows.
    const domain = () => page.evaluate(() => (window as unknown as { __plateauDoctor: { views: Record<string, { scale(n: string): { domain(): number[] } }> } }).__plateauDoctor.views['chart-steps'].scale('x').domain());
    const [x0, x1] = await domain();
    // The LR plot area: the largest of its line groups (one per run); bring it into view and aim at its empty middle.
    const lrArea = () =>
      page.locator('#chart-steps g.lrLine_marks').evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })).reduce((a, b) => (b.h * b.w > a.h * a.w ? b : a)),
      );
    const first = await lrArea();
    await page.evaluate((dy) => window.scrollBy(0, dy), first.y - 300);
    const area = await lrArea();
    expect(area.y).toBeGreaterThan(0);
    await page.mouse.move(area.x + area.w * 0.3, area.y + area.h * 0.5);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((width) => {
      const d = (window as unknown as { __plateauDoctor: { views: Record<string, { scale(n: string): { domain(): number[] } }> } }).__plateauDoctor.views['chart-steps'].scale('x').domain();
      return d[1] - d[0] < width;
    }, x1 - x0, { timeout: 15_000 }).catch(() => undefined);
    const [z0, z1] = await domain();
    expect(z1 - z0).toBeLessThan(x1 - x0);
    expect(consoleErrors).toEqual([]);
  });

  it('renders an analyze report: one panel per file and x unit, file names as text', async () => {
    const xs = Array.from({ length: 3000 }, (_, i) => i + 1);
    const files = [
      analyzeReportFile(
        {
          file: HOSTILE,
          format: 'lightning',
          series: [
            { name: 'train_loss_step', role: 'train', x: 'step', xs, ys: xs.map((x, i) => 0.2 + 2 * Math.exp(-x / 300) + 0.05 * Math.sin(i)) },
            { name: 'val_loss', role: 'validation', x: 'epoch', xs: [0, 1, 2, 3], ys: [1, 0.5, 0.4, 0.39] },
          ],
        },
        [{ ...diagnosis, lrResponses: [{ at: 1500, oldLr: 0.1, newLr: 0.01, responded: true, summary: 'loss fell 20%' }] }, null],
      ),
      { kind: 'error' as const, file: 'broken.csv', error: 'empty file' },
    ];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pd-browser-analyze-')), 'analyze.html');
    writeFileSync(file, buildAnalyzeReport(files));
    const analyzePage = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors: string[] = [];
    analyzePage.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    analyzePage.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await analyzePage.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (blocked.push(route.request().url()), route.abort())));
    await analyzePage.goto(pathToFileURL(file).href);
    await analyzePage.waitForSelector('body[data-charts-rendered]', { timeout: 60_000 });
    const result = await analyzePage.evaluate((hostile) => ({
      rendered: document.body.getAttribute('data-charts-rendered'),
      heading: document.querySelector('h2')?.textContent === hostile,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      rules: document.querySelectorAll('#chart-file-1-1 g.lrRules_marks line').length,
    }), HOSTILE);
    expect(result).toEqual({ rendered: '2', heading: true, pwned: undefined, rules: 1 });
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await analyzePage.close();
  });
});
