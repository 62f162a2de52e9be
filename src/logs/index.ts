// Public API of src/logs (named exports). Re-exported by src/index.ts.
export { RunDirWriter, readRunDir, readRunDirs, summaryEntry, writeSummary, STEPS_HEADER, EPOCHS_HEADER } from './run-dir.js';
export type { RunSummaryEntry } from './run-dir.js';
