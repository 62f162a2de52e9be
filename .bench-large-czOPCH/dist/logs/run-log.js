/**
 * RunLog: everything one training run produced, as written to and read back from a run
 * directory (`RUN/steps.csv`, `RUN/epochs.csv`, `RUN/run.json`). Data flows one way:
 * trainer -> RunLog -> detector -> report. Nothing here knows which engine trained the run.
 */
export {};
//# sourceMappingURL=run-log.js.map