import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { createDoctorController } from '../../src/lr/doctor.js';
import { at, formatTrend } from '../../src/detect/format.js';
import { captureIO } from '../helpers/io.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs('pd-num-');

// Issue 11, "numbers": steps printed as 1.196e+6, and the doctor's first line extrapolated a
// 25-step window to "-100%/epoch".
describe('x values (steps, epochs, seconds)', () => {
  // xValue's own table is in test/numbers.test.ts.
  it('at: the unit and the x value', () => {
    expect(at(1196000, 'step')).toBe('step 1,196,000');
    expect(at(2.5, 'epoch')).toBe('epoch 2.5');
  });

  it('analyze prints step ranges of a long log as integers', async () => {
    const cwd = tempDir();
    const rows = Array.from({ length: 200 }, (_, i) => `${(i + 1) * 5980},${(0.5 + 2 / Math.sqrt(i + 1)).toFixed(5)}`);
    writeFileSync(path.join(cwd, 'long.csv'), ['step,loss', ...rows].join('\n') + '\n');
    const io = captureIO(cwd);
    expect(await main(['analyze', 'long.csv'], io)).toBe(0);
    expect(io.out).toContain('step 5,980..1,196,000');
    expect(io.out).not.toMatch(/\de[+-]\d/);
  });
});

describe("the doctor's first verdict line", () => {
  it('does not extrapolate a short window to a rate per epoch (860 steps per epoch, first line near step 100)', () => {
    const doctor = createDoctorController({});
    doctor.start?.({ initialLr: 0.01, stepsPerEpoch: 860, epochs: 10, classes: 10 });
    let seed = 1;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
    const lines: string[] = [];
    for (let step = 1; step <= 2000 && lines.length === 0; step++) {
      doctor.onStep?.(step, 0.3 + 2 * Math.exp(-step / 80) + noise(), 0.01);
      lines.push(...(doctor.drainMessages?.() ?? []));
    }
    expect(lines[0]).toMatch(/^doctor: step \d+: descending, trend -\d+%\/\d+ steps \(95% CI/);
    expect(lines[0]).not.toMatch(/-100%|\/epoch/);
  });

  it('formatTrend names the unit', () => {
    expect(formatTrend({ relative: -0.16, low: -0.22, high: -0.11, unit: 'x', per: 20, x: 'step' })).toBe('-16%/20 steps (95% CI -22..-11)');
    expect(formatTrend({ relative: -0.05, low: -0.07, high: -0.03, unit: 'epoch' })).toBe('-5.0%/epoch (95% CI -7.0..-3.0)');
  });
});
