// Preloaded with `node --import` by test/entry-points.test.ts: appends every module URL the
// process resolves to the file named by PLATEAU_DOCTOR_TRACE, one per line.
import { register } from 'node:module';

register('./trace-modules-hooks.mjs', import.meta.url);
