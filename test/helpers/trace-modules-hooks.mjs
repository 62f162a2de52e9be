// Module resolution hook (runs on the loader thread): records every resolved URL.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const out = process.env.PLATEAU_DOCTOR_TRACE;
  if (out) appendFileSync(out, `${resolved.url}\n`);
  return resolved;
}
