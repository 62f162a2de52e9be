import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** Compiles a spec with a logger that records every warning and error. */
export function compileCapturing(spec: TopLevelSpec): { warnings: string[]; vega: ReturnType<typeof compile>['spec'] } {
  const warnings: string[] = [];
  const logger = {
    level(_?: number) {
      return logger as never;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger as never;
    },
    error(...args: readonly unknown[]) {
      warnings.push('error: ' + args.map(String).join(' '));
      return logger as never;
    },
    info() {
      return logger as never;
    },
    debug() {
      return logger as never;
    },
  };
  const out = compile(spec, { logger: logger as never });
  return { warnings, vega: out.spec };
}
