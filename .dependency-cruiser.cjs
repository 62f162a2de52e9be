/**
 * The layers of plateau-doctor and the one direction imports may go (run by `npm test`; see
 * docs/architecture.md). A dependency is allowed only if an `allowed` rule below covers it, and
 * the named `forbidden` rules say why the important ones are not.
 *
 *   base (errors, version, atomic-file, rng, numbers)  <- everything
 *   detect/   statistics and the detector: base only
 *   logs/     data types, readers, run-dir writer: base (analysis.ts: the detector's types)
 *   lr/       LR control (controller contract, schedulers, doctor, registry): detect/, the run-log types
 *   train/    the engine (tfjs): lr/, the run-log types
 *   tfjs/     the `plateau-doctor/tfjs` subpath (model.fit callbacks): lr/, train/, run-log types
 *   report/   renders: logs' data types, detect's types and pure statistics, never the detector
 *   app/      use cases (run a comparison, plan runs, analyze logs, diagnose runs, report runs):
 *             composes every layer above except tfjs/
 *   commands/ parse options and call app/; display (progress, text); cli.ts imports them lazily
 *   index.ts  the library entry: no engine, no CLI
 */
const BASE = '^src/(errors|version|atomic-file|rng|numbers)\\.ts$';
const RUN_LOG = '^src/logs/run-log\\.ts$';
const DATA_TYPES = '^src/logs/(run-log|loss-log|analysis)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Imports go one way; a cycle means two layers know each other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-tensorflow-outside-the-engine',
      comment:
        'Only train/ (the engine) and tfjs/ (the plateau-doctor/tfjs subpath) import TensorFlow.js; ' +
        'detect/, logs/, report/, lr/, commands/ and the entries never do, so analyze, --help and --version stay fast.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(train|tfjs)/' },
      to: { path: '(^|/)@tensorflow/' },
    },
    {
      name: 'report-never-runs-the-detector',
      comment: 'The report receives diagnoses and renders them: it may use detect/types.ts and the pure detect/stats/, nothing else of detect/.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/detect/', pathNot: '^src/detect/(types\\.ts|stats/)' },
    },
    {
      name: 'cli-loads-commands-lazily',
      comment: 'cli.ts imports a command module only when that command runs (await import), so --version and --help load none.',
      severity: 'error',
      from: { path: '^src/cli\\.ts$' },
      to: { path: '^src/commands/', pathNot: '^src/commands/io\\.ts$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'entries-are-not-imported',
      comment: 'src/index.ts, src/tfjs/index.ts and src/cli.ts are entry points; code imports the module it needs instead.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/(index|cli|tfjs/index)\\.ts$' },
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'A user installs only dependencies.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  allowed: [
    { comment: 'node built-ins and installed packages (limited by the forbidden rules)', from: {}, to: { dependencyTypes: ['core', 'npm', 'npm-optional', 'npm-peer'] } },
    { comment: 'base: errors, version, atomic-file, rng, numbers', from: { path: BASE }, to: { path: '^src/errors\\.ts$' } },
    { comment: 'detect/: pure statistics and the detector', from: { path: '^src/detect/' }, to: { path: ['^src/detect/', BASE] } },
    { comment: 'logs/: data types, readers, the run directory', from: { path: '^src/logs/' }, to: { path: ['^src/logs/', BASE] } },
    {
      comment: "logs/analysis.ts: a log with its diagnoses (type imports only: the detector's types.ts and the pair diagnosis type of pair.ts)",
      from: { path: '^src/logs/analysis\\.ts$' },
      to: { path: '^src/detect/(types|pair)\\.ts$' },
    },
    { comment: 'lr/: LR control, no engine', from: { path: '^src/lr/' }, to: { path: ['^src/(lr|detect)/', RUN_LOG, BASE] } },
    { comment: 'train/: the engine', from: { path: '^src/train/' }, to: { path: ['^src/(train|lr)/', RUN_LOG, BASE] } },
    { comment: 'tfjs/: the plateau-doctor/tfjs subpath', from: { path: '^src/tfjs/' }, to: { path: ['^src/(tfjs|lr|train|app)/', RUN_LOG, BASE] } },
    { comment: 'report/: renders data and diagnoses', from: { path: '^src/report/' }, to: { path: ['^src/report/', DATA_TYPES, '^src/detect/', BASE] } },
    { comment: 'app/: the use cases', from: { path: '^src/app/' }, to: { path: ['^src/(app|detect|logs|lr|report|train)/', BASE] } },
    {
      comment: 'commands/: parse options and call app/; data types and option lists (formats, schedules) for the flags',
      from: { path: '^src/commands/' },
      to: { path: ['^src/(commands|app|logs)/', '^src/lr/schedules\\.ts$', '^src/detect/(types|format)\\.ts$', BASE] },
    },
    { comment: 'cli.ts: yargs wiring', from: { path: '^src/cli\\.ts$' }, to: { path: ['^src/commands/', BASE] } },
    { comment: 'index.ts: the library entry, no engine and no CLI', from: { path: '^src/index\\.ts$' }, to: { path: ['^src/(detect|logs|lr|report|app)/', BASE] } },
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    exclude: { path: '\\.d\\.ts$' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'types', 'default'] },
  },
};
