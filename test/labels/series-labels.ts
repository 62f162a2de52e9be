/**
 * Per-series labels: how an engineer reads every loss series of shared/real-logs (26 logs) and
 * shared/real-logs-2 (44 logs), from the raw numbers and the MANIFESTs, written before the
 * detector's verdicts were looked at. Ambiguous = an engineer could read it two ways (both accepted).
 * Numbers in notes: "a -> b" first/last, "min v@x", block means over the run.
 */
import { halvesByFile, type Corpus, type Half, type Role, type SeriesLabel, type SeriesVerdict } from './label-types.js';

const D: SeriesVerdict = 'descending';
const P: SeriesVerdict = 'plateau';
const ST: SeriesVerdict = 'stuck';
const DV: SeriesVerdict = 'diverging';
const O: SeriesVerdict = 'overfitting';
const I: SeriesVerdict = 'insufficient_data';
const W: SeriesVerdict = 'warmup';
const C = 'clear' as const;
const A = 'ambiguous' as const;

type Draft = Omit<SeriesLabel, 'half'>;
interface FileFlags { lrAnnealed?: boolean; lrSchedule?: string }
interface Extra { run?: number; aliases?: string[]; noCurve?: boolean }

const drafts: Draft[] = [];

function log(corpus: Corpus, file: string, flags: FileFlags = {}) {
  return (series: string, role: Role, accept: SeriesVerdict[], confidence: 'clear' | 'ambiguous', note: string, extra: Extra = {}): void => {
    drafts.push({
      corpus, file, series, run: extra.run ?? null, role, accept, confidence, note,
      ...(extra.aliases ? { aliases: extra.aliases } : {}),
      ...(extra.noCurve ? { noCurve: true } : {}),
      ...(flags.lrAnnealed !== undefined ? { lrAnnealed: flags.lrAnnealed } : {}),
      ...(flags.lrSchedule ? { lrSchedule: flags.lrSchedule } : {}),
    });
  };
}

// ───────────────────────────── shared/real-logs ─────────────────────────────
const R1 = 'real-logs' as const;
let f = log(R1, 'keras-csvlogger/car-prediction-cnn.training.log');
f('loss', 'train', [D], C, '1.78 -> 0.31, block means 0.61 (ep16) 0.42 (ep41) 0.30 (ep91): still falling at the end');
f('val_loss', 'val', [P], C, '1.90 -> 0.76 by ep 20, then flat 0.72-0.92 (block means 0.75-0.77 ep 25-99), min 0.717@42, last 0.747; not rising');

f = log(R1, 'keras-csvlogger/digit-recognition-cnn.training_log.csv', { lrAnnealed: false, lrSchedule: 'step' });
f('loss', 'train', [D, P], A, '0.366 -> 0.096 (ep1) -> 0.015; creeps 0.030 (ep15) -> 0.015 (ep29) with small steps after LR halvings at 17, 27');
f('val_loss', 'val', [D, P], A, '3.64 outlier at ep0, 0.050 ep1, noisy 0.02-0.03 to ep16, 0.011-0.013 after LR cut, min 0.0092@29 (last)');

f = log(R1, 'keras-csvlogger/sleep-apnea-cnn.training_log.csv', { lrAnnealed: true, lrSchedule: 'step' });
f('loss', 'train', [P, D], A, 'run 1: 0.572 -> 0.50 in 3 ep, block means 0.4447 (ep29) 0.4424 0.4413 0.440 (ep45+), last 0.4385; LR 1e-3 -> 6.25e-5', { run: 1 });
f('val_loss', 'val', [P, D], A, 'run 1: noisy, spike 0.99@6, block means 0.465 0.459 0.460 0.449 0.486 0.461 0.435 from ep20, min 0.4308@40, last 0.4316', { run: 1 });
f('loss', 'train', [P, D], A, 'run 2: 0.594 -> 0.484 (ep4), blocks 0.455 (ep29) 0.453 0.450 0.449 0.448, last 0.4479; LR 1e-3 -> 1.25e-4', { run: 2 });
f('val_loss', 'val', [P], C, 'run 2: spike 0.93@3, blocks 0.466 0.461 0.458 0.459 0.460 0.457 from ep25, min 0.4454@44, last 0.4532', { run: 2 });

f = log(R1, 'lightning-metrics/aiops-mnist.version_3.metrics.csv');
f('train_loss_epoch', 'train', [D], C, '0.358 0.169 0.117 0.087 0.068 0.054 0.043 0.035 0.027 0.022: every epoch ~20% lower');
f('train_loss_step', 'train', [D], C, 'noisy 0.001-0.68; block means 0.35 -> 0.092 (x3149) -> 0.043 (x5499) -> 0.018 (x8599)');

f = log(R1, 'lightning-metrics/camels-ch.version_0.metrics.csv', { lrAnnealed: false, lrSchedule: 'constant' });
f('train_loss', 'train', [P, D], A, '0.433 -> ~0.31 by step 149, then noisy 0.20-0.43; block means 0.31 0.29 0.32 0.31 0.31 0.30 0.30 0.28 0.26 0.30; 2nd half mean 0.290 vs 1st 0.322');

f = log(R1, 'lightning-metrics/lstm-implementation.version_0.metrics.csv');
f('train_loss', 'train', [P], C, 'exponential approach to 0.25: 0.639, 0.30 (row 21), 0.257 (row 41), block means 0.2514 0.2508 0.2504 0.2502 over the last third', { aliases: ['out_tensor([0.])'] });

f = log(R1, 'lightning-metrics/pendulum-pinn.version_0.metrics.csv');
f('train_loss_epoch', 'train', [P], C, '0.876 -> 0.336 (ep20), block means 0.3243 0.3226 0.3235 0.3214 0.3235 0.3212 ep50-99');
f('train_loss_step', 'train', [P], C, 'noisy 0.31-0.52, block means 0.326 0.336 0.323 0.326 0.324 0.319 0.325 0.319 from step 2149');
f('dynamics_loss_epoch', 'other', [P, D], A, '0.268 -> 0.070 (block 1) -> 0.0174 (ep33) 0.0138 0.0125 0.0133 0.0114 0.0133 0.0113: slow noisy creep');
f('dynamics_loss_step', 'other', [P, D], A, 'noisy 0.0002-0.07; block means 0.047 0.042 0.011 0.024 0.015 0.025 0.012 0.016 0.014 0.0098 0.014 0.0092');
f('initial_omega_loss_epoch', 'other', [ST, DV], A, 'min 0.039 at ep0 (first), rises to 0.124 (ep8) and 0.14 flat from ep25 (0.1386..0.1438): worse than its start, traded off against the other terms');
f('initial_omega_loss_step', 'other', [ST, DV], A, 'min 0.030 at first point, rises to ~0.14 by step 1099, flat 0.128-0.145 after');
f('initial_theta_loss_epoch', 'other', [P], C, '0.569 -> 0.196 (ep8), block means 0.1693 0.1675 0.1673 0.1664 0.1672 0.1661 ep50-99');
f('initial_theta_loss_step', 'other', [P], C, '0.415 -> 0.176 (step 1099), then 0.166-0.188 block means flat');

f = log(R1, 'tensorboard-csv/imdb.run-.-tag-loss.csv');
f('loss', 'train', [D], C, '12.44, spike 18.38@1, 4.63@3, then steps down 4.56 (4-7) 4.33 (10-14) 4.11 (18-22) 3.95@29 (last = min)', { aliases: ['Value'] });

f = log(R1, 'tensorboard-csv/unet.train_loss.csv');
f('train_loss', 'train', [D, P], A, '524.1 -> 517.5, then slow near-linear 514.4 511.5 509 507.5 506.8 506.5 (min 506.45 near the end); whole run -3.4%, 2nd half -0.3%: slow but steady / converged, not stuck', { aliases: ['unet.train_loss', 'Value'] });

f = log(R1, 'tensorboard-csv/echarts-training.train_loss.csv', { lrSchedule: 'step' });
f('train_loss', 'train', [D, P], A, '0.2248 -> 0.191 (step 10), slow decline, drops at 120 (0.1665->0.1622) and 160 (0.156->0.1505), last 30 steps 0.151-0.149, min 0.1485@192', { aliases: ['echarts-training.train_loss', 'Value'] });

f = log(R1, 'tensorboard-csv/attention-ocr.run-.-tag-loss.csv');
f('loss', 'train', [D, P], A, '4 stitched sessions: 2.84 -> 0.26 (block 2) -> 0.098 -> 0.048 -> 0.018 -> 0.0098 0.0081 0.0064; absolute flat near 0, still halving on a log scale', { aliases: ['Value'] });

f = log(R1, 'hf-trainer-state/whisper-tiny-nbailab.trainer_state.json', { lrAnnealed: false, lrSchedule: 'warmup' });
f('loss', 'train', [D], C, '2.94 -> 1.41 (5k) -> 0.95 (50k) -> 0.83 (100k); block means 0.8997 0.8806 0.8631 0.8477 0.8339 still -2% per block; LR constant 3e-6 after warmup');
f('eval_loss', 'val', [D], C, '1.19 (1k) -> 0.71 (11k) -> 0.549 (51k) -> 0.51 (98k, min), last 0.513; block means 0.5378 0.5304 0.5237 0.5176 0.5137');

f = log(R1, 'hf-trainer-state/tinyllama-finetune.trainer_state.json', { lrAnnealed: true, lrSchedule: 'cosine' });
f('loss', 'train', [P, D], A, '2.08 -> 1.44 (315) -> 1.12 (1215); block means 1.064 1.049 1.053 1.036 1.038 over the last 40%; LR cosine to 1.3e-9');
f('eval_loss', 'val', [P], C, '1.62 -> 1.30 (800) -> 1.13 (2000) -> 1.1231 1.1225 1.1219 (2400-2800): converged');

f = log(R1, 'hf-trainer-state/bert-weibo-rumor.trainer_state.json', { lrAnnealed: true, lrSchedule: 'linear' });
f('loss', 'train', [D], C, '0.981 -> 0.55 (2500) -> 0.29 (10500) -> 0.164 (25500, min = last); 2nd half -30%; LR linear 4.9e-5 -> 6e-7');

f = log(R1, 'hf-trainer-state/lora-finetuning.trainer_state.json', { lrAnnealed: true, lrSchedule: 'linear' });
f('loss', 'train', [P], C, '2.31 1.83 1.46 1.39 by step 40, then flat 1.26-1.39 (mean 1.32) for 21 logs; LR warmup to 1.96e-4 then linear to 0');

f = log(R1, 'hf-trainer-state/qwen3-lora-summary-only.trainer_state.json');
f('loss', 'train', [I], C, 'no curve: log_history holds only the summary train_loss 0.973 (logging_steps 996 > max_steps 768)', { noCurve: true });

f = log(R1, 'plain/unet-segmentation.train_loss.csv');
f('column 1', 'train', [P], C, '0.843 -> 0.332 (row 21) -> 0.273 (row 31), then 0.247 +- 0.006 for rows 41-100 (block means 0.2506 0.2446 0.2459 0.2482 0.2474 0.2456 0.2483)');
f('column 2', 'val', [P], C, '0.669 -> ~0.25 from row ~33, block means 0.2532 0.2628 0.2491 0.2521 0.2578 0.2527 0.2484, min 0.229@60');

f = log(R1, 'plain/resume-ocr-yolov11.results.csv', { lrAnnealed: true, lrSchedule: 'linear' });
f('train/box_loss', 'train', [D], C, '1.30 -> 0.85 (ep10) -> 0.711 (ep40), close_mosaic drop at 41 to 0.654, -> 0.609; LR warmup to 5.3e-4 then linear to 1.7e-5');
f('train/cls_loss', 'train', [D], C, '3.46 -> 1.49 (ep10) -> 1.00 (ep40) -> 0.885 (41) -> 0.742 (last = min)');
f('train/dfl_loss', 'train', [D], C, '1.319 -> 0.97 (ep34) -> 0.957 -> 0.923 (ep42) -> 0.912; min 0.909@49');
f('val/box_loss', 'val', [D], C, '1.079 -> 0.65 (ep34), block means 0.644 0.638 0.628, min 0.6258@50 (last)');
f('val/cls_loss', 'val', [D], C, '2.17 -> 0.885 (ep34) -> 0.831 -> 0.812, min 0.800@50 (last)');
f('val/dfl_loss', 'val', [D, P], A, '1.16 -> 0.906 (ep34) 0.904 0.898 0.8945, min 0.893@50 (last): flattening');

f = log(R1, 'plain/poemgen.loss_log.txt');
f('loss', 'train', [P], C, '6.23 -> 3.98 (23 ep), counter restarts, 3.98 -> 3.50 by new ep 100; last ~100 epochs flat 3.47-3.53 (block means 3.494 3.49 3.486 3.487 3.49)', { aliases: ['column 2'] });

f = log(R1, 'plain/hw2.loss_log.txt');
f('loss', 'train', [P, ST], A, 'log starts at step 49500, flat 0.26329 +- 0.00001 throughout (spikes 0.290@62300, 0.270@78000): converged before the log starts', { aliases: ['column 2'] });

f = log(R1, 'plain/attention-ocr.aocr.log');
f('loss', 'train', [I], C, 'session 1 (line 521): 3 steps 3.71 3.49 3.37', { run: 1 });
f('loss', 'train', [I], C, 'session 2 (line 704): 4 steps 3.68 3.43 3.28 3.27', { run: 2 });
f('loss', 'train', [D, I], A, 'session 3 (line 797): 16 steps 3.67 -> ~3.0 noisy (min 2.92@13, last 3.05)', { run: 3 });
f('loss', 'train', [D], C, 'session 4 (line 833): 1002 steps, decile medians 2.66 2.24 1.73 1.22 0.84 0.59 0.40 0.24 0.13 0.044; min 0.023@994', { run: 4 });
f('loss', 'train', [D, P], A, 'session 5 (line 3420): 554 steps 3.83 -> 2.34, decile medians 2.97 2.83 2.75 2.69 2.62 2.54 2.52; min = last', { run: 5 });
f('loss', 'train', [D], C, 'session 6 (line 4304): 3202 steps 4.22 -> decile medians 1.19 0.91 0.73 0.62 0.53 0.46 0.40; median of last 100 0.37', { run: 6 });
f('loss', 'train', [P, D], A, 'session 7 (line 8521, resumed at 0.39): decile medians 0.356 0.376 0.36 0.365 0.328 0.30 0.329 0.332 0.29 0.306', { run: 7 });
f('loss', 'train', [P, ST], A, 'session 8 (line 9854, resumed at 0.225): 101 steps noisy flat, decile medians 0.27-0.32, last-100 median 0.284', { run: 8 });
f('loss', 'train', [I], C, 'session 9 (line 11288): 8 steps 2.62 3.72 2.62 2.38 2.70 2.67 2.59 2.20', { run: 9 });
f('loss', 'train', [D], C, 'session 10 (line 13405): 101 steps 3.25 -> decile medians 1.52 1.24 1.09 0.91 0.81 0.72 0.83 0.72 0.60', { run: 10 });
f('loss', 'train', [D, P], A, 'session 11 (line 14137, resumed at 0.53): 207 steps, decile medians 0.62 0.57 0.47 0.45 0.44 0.47 0.43 0.39 0.42 0.36', { run: 11 });

f = log(R1, 'plain/era-v4-resnet50.training-01-61.log');
f('train loss', 'train', [D, P], A, '6.47 (ep1) 4.29 (10) 3.03 (20) 2.66 (30) 2.51 (40) 2.42 (50) 2.32 (60); still -0.01/epoch, decelerating (one-cycle high-LR phase, see tfevents)');
f('val loss', 'val', [D], C, '5.93 -> block means 3.19 (ep11) 2.22 (21) 2.00 (31) 1.80 (41) 1.77 (51) 1.61 (56), 1.55@60, 1.39@61 (last = min)');

f = log(R1, 'wandb-csv/multi-view-classification.train_loss.csv');
f('elated-capybara-104 - epoch/loss', 'train', [P, D], A, '10 ep: 1.337 0.923 0.883 0.863 0.851 0.843 0.837 0.832 0.831 0.829');
f('divine-pond-103 - epoch/loss', 'train', [P, D], A, '9 ep: 1.414 0.947 0.900 0.875 0.861 0.851 0.844 0.839 0.837');
f('spring-sunset-102 - epoch/loss', 'train', [P, D], A, '8 ep: 1.618 0.996 0.930 0.898 0.879 0.865 0.856 0.850');
f('icy-cosmos-101 - epoch/loss', 'train', [P, D], A, '10 ep: 1.957 1.087 0.988 0.937 0.907 0.890 0.878 0.869 0.865 0.864');

f = log(R1, 'wandb-csv/nanogpt-runs.wandb_export.csv');
f('gpt2_last_char_to_char1729642919.4054031 - train/loss', 'train', [D], C, '51 steps 25.5 -> 3.775; block means 3.915 3.876 3.842 3.813 3.783, min 3.764@47');
f('gpt2_augmented_char_to_token1729630560.5729918 - train/loss', 'train', [DV, P], A, '10.99 -> 3.465@39 (min), spike 7.62@41, 5.99@49, back to 3.61@52, ends 3.76 3.88 3.90 3.87: unstable, last +12% above best');
f('gpt2_last_char_token_to_char1729587337.8266432 - train/loss', 'train', [DV], C, '24.7 -> min 7.97@72, then climbs: block means 9.6 8.9 9.96 10.3 10.9 12.2, peaks 14.3, ends 12.23');
f('gpt2_char_to_token1729578574.2848036 - train/loss', 'train', [DV, P], A, '10.94 -> min 3.765@28, repeated spikes to 5.5-7.2 (36-60, 84-100), ends 4.1-4.4 (last 4.15): unstable, +10% above best');
f('gpt2_char_to_token1729534595.422701 - train/loss', 'train', [DV], C, '10.99 -> min 3.66@44, jumps to 8.5@61, block means 7.24 6.80 6.50 5.88 6.12 6.15, ends 6.96');
f('gpt2 - train/loss', 'train', [P, D], A, '10.95 -> ~3.75 by step 20, then 3.26-3.62; block means 3.42 3.375 3.352 3.333 3.321 3.309 3.30 3.296 3.288 3.285 (-2% over the last 2/3)');
f('gpt2_last_char_token_to_token1729493675.529459 - train/loss', 'train', [D, P], A, '10.98 -> block means 3.513 3.476 3.434 3.42 3.399 3.382 3.372 3.361, min 3.345@116 (near the end)');
f('gpt2_char_to_token1729491541.2756786 - train/loss', 'train', [DV], C, '10.95 -> min 3.76@32, then 5.2-6.8: block means 5.47 5.24 5.52 6.43 6.74 6.52 6.37 6.18 6.83, ends 6.90');

f = log(R1, 'tfevents/era-v4-resnet50-imagenet.part1.events_out_tfevents_1762027758', { lrAnnealed: false, lrSchedule: 'one-cycle' });
f('train/loss_epoch', 'train', [D, P], A, '6.47 -> 4.09 (ep10) 2.99 (20) 2.63 2.49 2.40 2.32 (ep60): levelling off while the one-cycle LR peaks 0.512 at ep 36 (ends part 1 at 0.30)');
f('train/loss_step', 'train', [D, P], A, 'block means 5.79 4.70 3.73 3.19 2.91 2.69 2.58 2.50 2.46 2.42 2.36 2.355; min 2.22@18150');
f('val/loss', 'val', [D], C, '5.93 -> block means 2.52 2.22 2.06 2.00 1.89 1.80 1.75 1.77 1.66, min 1.546@18720, last 1.672 (noisy)');

f = log(R1, 'tfevents/era-v4-resnet50-imagenet.part2.events_out_tfevents_1762044905', { lrAnnealed: true, lrSchedule: 'one-cycle' });
f('train/loss_epoch', 'train', [D, P], A, '2.30 -> 1.89 (ep 80), drop to 1.42 as LR anneals, 1.29 1.26 1.25 1.22 1.212 1.213 (last 3 flat with LR ~0.0005)');
f('train/loss_step', 'train', [D], C, '2.34 -> block means 2.31 2.22 2.16 2.07 1.97 1.56 1.34 1.24 1.21, last 1.226; LR 0.286 -> 0.0017');
f('val/loss', 'val', [D, P], A, '1.458 1.56 ... 1.11 (24960), 0.999 (25580), 0.989 0.979 0.975 0.973 0.968 (min@27460) 0.9685 0.9716: falls, last 5 flat as LR -> 4.5e-4');

// ───────────────────────────── shared/real-logs-2 ─────────────────────────────
const R2 = 'real-logs-2' as const;
f = log(R2, 'detectron2/kevindic-detectron2.metrics.json', { lrAnnealed: false, lrSchedule: 'warmup' });
f('total_loss', 'train', [D, W], C, '15 pts 2.153 -> 1.34 (99) -> 0.60 (199) -> 0.40 0.45 0.32 0.35 (239-299); run ends inside LR warmup 1.6e-5 -> 2.5e-4');
f('loss_cls', 'train', [D, W], C, '0.716 0.59 0.46 0.35 0.30 0.22 0.18 0.16 0.12 0.11 0.10 0.078 0.104 0.073 0.059');
f('loss_box_reg', 'train', [D, W], C, 'flat 0.61-0.67 to step 139, then 0.52 0.42 0.33 0.23 0.21 0.20 0.16 0.151 (last = min)');
f('loss_mask', 'train', [D, P, W], A, '0.687 -> 0.10 (199), then 0.081 0.093 0.100 0.073 0.092: falling then flat last 5');
f('loss_rpn_cls', 'train', [D, W, I], A, 'noisy 0.030 0.044 0.025 0.023 0.021 0.029 0.016 0.015 0.022 0.021 0.015 0.010 0.018 0.0038 0.0092');
f('loss_rpn_loc', 'train', [ST, I, W], A, 'noisy flat 0.0035-0.011: 0.0073 first, 0.0070 last, no trend');

f = log(R2, 'detectron2/medical-waste-detectron2.metrics.json', { lrAnnealed: true, lrSchedule: 'step' });
f('total_loss', 'train', [P], C, '2.72 -> 1.33 (1019) -> 1.07 (2019), then block means 1.067 1.043 1.051 1.032 1.031 1.038; LR warmup to 5e-5 then cut to 2.5e-6 at 1519');
f('loss_cls', 'train', [P], C, '1.89 -> 0.47 (1019) -> 0.35 (1679), then 0.352 0.343 0.345 0.336 0.337 0.341');
f('loss_box_reg', 'train', [P, ST], A, '0.53 (min 0.476@99) rises to 0.81 (679) as proposals turn positive, falls to 0.64 (2019), flat 0.62-0.63 after; last 0.60 > first');
f('loss_rpn_cls', 'train', [P], C, '0.31 -> 0.042 (1019) -> 0.030 (1679), then 0.0288 0.0288 0.0316 0.0298 0.0286 0.0285');
f('loss_rpn_loc', 'train', [P, ST], A, '0.037 -> block means 0.040 0.038 0.037 0.037 0.034 0.034 0.033 0.033 0.034 0.033 0.034 0.034: -16%, flat after 1339');

f = log(R2, 'fastai-history/sportsball-fastai.history.csv');
f('train_loss', 'train', [D], C, '0.81 0.62 0.51 0.38 0.29 0.21 0.19 0.16 0.15 0.15 0.14 0.12 0.11 (bump 0.145-0.149 at 14-15) 0.124 0.107 (last = min)');
f('valid_loss', 'val', [O], C, '0.462 -> min 0.231@6, then 0.30 0.36 0.39 0.39 0.39 0.39 0.53 0.33 0.44 0.61 0.40 0.69 (last): +199% while train falls');

f = log(R2, 'hf-trainer-state/checkpoint-of-cpt.trainer_state.json', { lrAnnealed: true, lrSchedule: 'linear' });
f('loss', 'train', [D], C, '1.141 0.642 0.521 0.448 0.398 0.364 0.324 0.299 0.274 0.2645 (last = min); LR linear 1.8e-5 -> 1.8e-6');
f('eval_loss', 'val', [P, O], A, '0.660 0.555 0.519 0.494 0.489 min 0.4853@3294, then 0.4873 0.4906 0.4907 0.4917: +1.3%, monotone, small');

f = log(R2, 'hf-trainer-state/mt5-azerbaijani-news.trainer_state.json', { lrAnnealed: false, lrSchedule: 'linear' });
f('loss', 'train', [D], C, '25.5 -> block means 3.18 2.97 2.84 2.76 2.65 2.57 2.53 2.49 2.46 2.43 2.37, min 2.231@6930; LR warmup to 5e-4, linear to 1.3e-4');
f('eval_loss', 'val', [D], C, '3.40 -> block means 2.57 2.38 2.30 2.23 2.19 2.21 2.15 2.12 2.09 2.10 2.07, min 2.053@6900, last 2.065');

f = log(R2, 'hf-trainer-state/quality-lrqa.__init__.py', { lrAnnealed: true, lrSchedule: 'linear' });
f('loss', 'train', [ST], C, '1.387 -> 1.387, all block means 1.392-1.399 = ln(4) 1.3863: chance level for 4-way choice throughout');
f('eval_loss', 'val', [ST], C, '1.386 constant (= ln 4) at every eval: never learned');

f = log(R2, 'hf-trainer-state/whisper-ja-5k.trainer_state.json', { lrAnnealed: true, lrSchedule: 'linear' });
f('loss', 'train', [P, D], A, '0.305 -> 0.042 (425) -> 0.0031 (1275) -> 0.0003 (2525) -> 0.0002 (3350-4175) -> 0.00014; logged with 4 decimals: flat at 0.0001-0.0002 (memorised)');
f('eval_loss', 'val', [O, I], A, '5 evals: 0.321@1000 (min) 0.3585 0.3937 0.4123 0.420: +31% monotone while train falls to 0.0002');

f = log(R2, 'keras-console-text/carnd-behavioral-cloning.training_output.txt');
f('loss', 'train', [D], C, '194.4 at ep1 (outlier), 0.235 -> 0.0267 (ep20) -> bump 0.026-0.030 (26-34) -> 0.022 0.019 0.018 0.016 0.0142 0.0154');
f('val_loss', 'val', [P, D], A, '0.330 -> 0.0313 (ep20), 0.028-0.036 to ep29, bump to 0.066@34, back to 0.0225@38 (min), last 0.0278');

// snippet-rnn: 22 Keras runs (15 epochs each, run 22: 14) appended in one file; MANIFEST names "runNN loss" / "runNN val_loss".
const snippetVal: Array<[SeriesVerdict[], 'clear' | 'ambiguous', string]> = [
  [[O], C, 'val 2.12 1.93 1.93 min 1.834@4, then 1.90 2.01 2.13 2.16 2.14 2.28 2.42 2.42 2.50 2.43 2.46 (+34%)'],
  [[P, O], A, 'val 2.56 2.04 1.97 1.93 1.89 1.82 1.86 1.78 1.84 min 1.771@10, 1.86 1.86 1.88 1.90 1.93 (+9%)'],
  [[O], C, 'val 2.60 2.05 1.99 min 1.874@4, then 1.98 2.00 2.02 2.09 2.20 2.21 2.29 2.30 2.35 2.45 2.49 (+33%)'],
  [[P], C, 'val 2.88 2.31 2.19 2.03 1.96 1.98 1.91 1.82 1.83 1.84 min 1.799@11, 1.84 1.89 1.82 1.88 (+4%, flat)'],
  [[O], C, 'val 2.22 1.95 1.90 min 1.821@4, then 1.88 1.94 2.04 2.18 2.30 2.20 2.34 2.38 2.37 2.51 2.61 (+43%)'],
  [[P, O], A, 'val 2.72 2.36 2.08 1.94 1.88 1.80 min 1.777@7, 1.81 1.78 1.87 1.78 1.82 1.85 1.84 1.95 (+10%, last point)'],
  [[O], C, 'val 2.57 2.11 1.96 min 1.871@4, 1.95 1.88 1.98 2.00 2.12 2.17 2.21 2.28 2.40 2.41 2.48 (+33%)'],
  [[D, P], A, 'val 2.82 2.45 2.29 2.09 2.09 2.00 1.92 1.92 1.86 1.88 1.83 min 1.743@12, 1.84 1.77 1.78: still drifting down'],
  [[O], C, 'val 2.60 1.89 1.83 min 1.813@4, 1.83 1.88 2.00 2.04 2.11 2.21 2.22 2.18 2.37 2.45 2.32 (+28%)'],
  [[O], C, 'val 2.25 2.03 2.02 1.79 1.75 min 1.727@6, 1.82 1.77 1.80 1.83 1.87 1.84 1.90 1.98 2.00 (+16%, steady)'],
  [[O], C, 'val 2.42 2.00 1.95 1.87 min 1.816@5, 1.86 1.95 1.90 2.00 2.06 2.22 2.13 2.11 2.21 2.21 (+22%)'],
  [[P, D], A, 'val 2.88 2.26 2.06 1.96 1.88 1.88 1.84 1.82 1.79 1.84 1.77 1.81 min 1.754@13, 1.84 1.87 (+7%)'],
  [[O], C, 'val 2.21 1.98 1.90 1.90 min 1.814@5, 1.95 2.00 2.21 2.22 2.27 2.40 2.37 2.53 2.46 2.48 (+37%)'],
  [[O, P], A, 'val 2.83 2.20 2.07 1.88 1.81 1.82 1.72 1.70 1.66 min 1.659@10, 1.85 1.73 1.87 1.81 1.91 (+15%, noisy)'],
  [[O], C, 'val 2.42 2.02 1.90 1.92 1.92 min 1.896@6, 1.95 2.06 2.11 2.19 2.19 2.30 2.34 2.47 2.49 (+31%)'],
  [[P], C, 'val 2.83 2.46 2.20 2.05 1.96 2.03 1.90 1.80 1.76 1.78 1.76 1.77 1.78 min 1.757@14, 1.82 (+4%, flat)'],
  [[O], C, 'val 2.17 1.99 2.03 1.84 min 1.831@5, 1.98 2.03 2.13 2.17 2.25 2.20 2.17 2.32 2.46 2.39 (+30%)'],
  [[O], C, 'val 2.50 2.12 1.97 1.89 1.76 1.77 1.71 1.73 1.85 min 1.663@10, 1.70 1.75 1.85 1.90 1.93 (+16%, steady)'],
  [[O], C, 'val 2.62 2.12 2.00 1.84 1.87 1.92 min 1.833@7, 1.96 2.06 2.03 2.01 2.07 2.07 2.25 2.16 (+18%)'],
  [[P], C, 'val 2.67 2.23 2.02 2.13 1.89 1.87 1.93 1.82 1.82 1.82 min 1.735@11, 1.77 1.79 1.75 1.79 (+3%, flat)'],
  [[O], C, 'val 2.23 1.95 1.92 1.90 min 1.738@5, 1.92 2.02 2.04 2.10 2.31 2.32 2.33 2.50 2.52 2.46 (+42%)'],
  [[P, O], A, '14 ep: val 2.83 2.39 2.19 1.97 2.00 1.87 1.83 1.78 min 1.683@9, 1.70 1.69 1.74 1.74 1.76 (+4.5%, slow rise)'],
];
const snippetTrain = ['2.48 -> 0.228', '2.60 -> 0.610', '2.69 -> 0.345', '2.73 -> 0.851', '2.49 -> 0.189', '2.69 -> 0.595', '2.72 -> 0.201', '2.72 -> 0.934', '2.48 -> 0.222', '2.52 -> 0.488', '2.61 -> 0.289', '2.71 -> 0.798', '2.49 -> 0.177', '2.70 -> 0.582', '2.62 -> 0.216', '2.71 -> 0.869', '2.48 -> 0.200', '2.68 -> 0.526', '2.70 -> 0.279', '2.71 -> 0.784', '2.54 -> 0.171', '2.71 -> 0.713'];
f = log(R2, 'keras-console-text/snippet-rnn.0508_results.rb');
snippetVal.forEach(([accept, conf, note], i) => {
  const run = i + 1;
  const tag = `run${String(run).padStart(2, '0')}`;
  f('loss', 'train', [D], C, `${tag}: train ${snippetTrain[i]}, falling every epoch, min = last`, { run, aliases: [`${tag} loss`] });
  f('val_loss', 'val', accept, conf, `${tag}: ${note}`, { run, aliases: [`${tag} val_loss`] });
});

f = log(R2, 'keras-csvlogger/brats2020.training.log', { lrAnnealed: true, lrSchedule: 'step' });
f('loss', 'train', [P], C, '0.0560 -> 0.0293 (ep6) -> 0.0260 (ep13) -> 0.02598 0.0259 ... 0.0258 (ep23): flat last 10 epochs; LR 1e-3 -> 1e-6 (ReduceLROnPlateau)');
f('val_loss', 'val', [P], C, '0.0546 -> 0.0355 (ep8), min 0.03447@13, 0.0345-0.0346 to ep23: flat');

f = log(R2, 'keras-csvlogger/emotion-resnet50.training.log');
f('loss', 'train', [D], C, '1.716 1.53 1.44 1.35 1.29 1.23 1.15 1.10 1.07 1.07 1.03 1.02 0.99 0.99 0.96 0.951 0.964');
f('val_loss', 'val', [P, O], A, '1.444, spike 7.42@1, 1.29 1.54 1.62 1.15 1.17 1.06 1.07 1.05 min 1.024@10, 1.07 1.04 1.05 1.11 1.13 1.075 (+5%)');

f = log(R2, 'keras-history-json/traffic-sign.history.json');
f('loss', 'train', [D], C, '3.18 2.06 1.51 1.25 1.10 1.01 0.92 0.87 0.81 0.78 0.74 0.71 0.69 0.66 0.650 (last = min)');
f('val_loss', 'val', [D], C, '2.42 1.48 1.06 0.80 0.71 0.60 0.55 0.51 0.44 0.44 0.39 0.34 0.37 0.32 0.302 (last = min)');

f = log(R2, 'lightning-metrics/nlp2-probing.version_0.metrics.csv');
f('train_loss', 'train', [ST], C, '28 pts noisy 2.35-3.99, first 2.347 is the min; first 5 mean 2.83, last 5 mean 3.02: no progress');

f = log(R2, 'lightning-metrics/nlp2-probing.version_3.metrics.csv');
f('train_loss', 'train', [P], C, '1.185 -> 0.251 -> 0.030 in 3 logs, then noisy 0.001-0.37 with no trend (mean ~0.1 in both halves)');

f = log(R2, 'lightning-metrics/slm-training.version_0.metrics.csv');
f('train_loss_epoch', 'train', [D], C, '4.777 4.218 4.101 4.023 3.955 3.889 3.825 3.767 3.720 3.687: -1% per epoch to the end');
f('train_loss_step', 'train', [D], C, '7.63 -> block means 4.26 4.14 4.08 4.01 3.96 3.90 3.84 3.79 3.75 3.70 3.69');
f('val_loss', 'val', [D], C, '4.133 3.956 3.881 3.819 3.770 3.718 3.677 3.623 3.591 3.570 (last = min)');

f = log(R2, 'lightning-metrics/slm-training.version_5.metrics.csv');
f('train_loss_epoch', 'train', [I, P], A, 'resumed at epoch 10: 4 points 3.670 3.670 3.687 3.719');
f('train_loss_step', 'train', [P, DV], A, 'resumed, no initial drop: block means 3.674 3.661 3.676 3.669 3.661 3.680 3.679 3.690 3.702 3.701 3.718 3.728: flat, slow upward drift +1.5%');
f('val_loss', 'val', [I, P], A, '4 evals 3.563 3.566 3.570 3.604 (train rises too)');

f = log(R2, 'llmc-text/gpt2-124m-cuda.main.log', { lrAnnealed: true, lrSchedule: 'cosine' });
f('trl', 'train', [D, P], A, '11.01 -> block means 3.81 3.63 3.54 3.48 3.44 3.40 3.36 3.33 3.31 3.293 3.289; min 3.081@19542; LR warmup to 6e-4, cosine to 0 at 19552', { aliases: ['loss', 'train loss'] });
f('tel', 'val', [D, P], A, '11.01 -> 3.53 (5000) 3.42 (8250) 3.35 (11500) 3.30 (15000) 3.281 (17000) 3.2755 (18000) 3.2731 (19250-19552, min): flattening as LR -> 0', { aliases: ['val loss'] });

f = log(R2, 'llmc-text/llmc-hector.gpt2_train.11679031.log', { lrSchedule: 'cosine' });
f('loss', 'train', [DV], C, 'every one of 16255 losses is nan from step 1');
f('val loss', 'val', [DV], C, 'every one of 66 val losses is nan');

f = log(R2, 'llmc-text/llmc-hector.gpt2_train.11685414.log', { lrAnnealed: true, lrSchedule: 'cosine' });
f('loss', 'train', [D, P], A, '11.01 -> block means 3.79 3.62 3.53 3.48 3.44 3.40 3.36 3.33 3.309 3.296 3.294; last 3.253; LR warmup to 6e-4@700 then to 0 at 19560');
f('val loss', 'val', [D, P], A, 'every 250 steps: 11.01 -> 3.61 3.52 3.46 3.41 3.37 3.34 3.31 3.287 3.272, last 3.2648 = min (19560): flattening as LR -> 0');

f = log(R2, 'mlflow/swahili-stt.mlruns.1.ed05f9cd.metrics.loss');
f('loss', 'train', [P], C, '10 epochs 332.7 297.6 270.3 248.3 239.0 238.0 235.7 235.4 235.1 234.8: -98 in 4 epochs, then -4 in 5', { aliases: ['column 2'] });

f = log(R2, 'mmengine/openmmlab-camp-mmpose.20230605_200941.log', { lrAnnealed: false, lrSchedule: 'warmup' });
f('loss', 'train', [D], C, '0.422 -> block means 0.254 0.203 0.167 0.142 0.126 0.114 0.105 0.099 0.094 0.090 0.084, min 0.0806@787; LR warmup to 4e-3 then constant', { aliases: ['train loss'] });
f('loss_kpt', 'train', [D], C, 'identical to loss (single loss term): 0.422 -> 0.0815');

f = log(R2, 'mmengine/openmmlab-camp-mmpose.scalars.json', { lrAnnealed: false, lrSchedule: 'warmup' });
f('loss', 'train', [D], C, '0.422 -> block means 0.254 0.203 0.167 0.142 0.126 0.114 0.105 0.099 0.094 0.090 0.084, min 0.0806@787');
f('loss_kpt', 'train', [D], C, 'identical to loss: 0.422 -> 0.0815');

f = log(R2, 'mmengine/watermelon-seg.scalars.json', { lrAnnealed: false, lrSchedule: 'poly' });
f('loss', 'train', [D], C, '2.51 -> block means 0.65 0.48 0.38 0.42 0.35 0.35 0.285 0.259 0.258 0.231 0.211 (noisy, min 0.159@2650)');
f('decode.loss_ce', 'train', [D], C, '1.557 -> block means 0.42 0.30 0.24 0.26 0.22 0.22 0.18 0.16 0.16 0.144 0.131');
f('aux.loss_ce', 'train', [D], C, '0.958 -> block means 0.23 0.17 0.14 0.15 0.13 0.128 0.106 0.096 0.095 0.087 0.079');

f = log(R2, 'nanogpt-text/solgpt.out.log.txt');
f('train loss', 'train', [D, P], A, 'every 200 it: 10.69 -> 0.91 (1600), bump 1.06@2400, 0.77 (4000) 0.63 (5600) 0.58 (7200) 0.55 (8400) 0.54 (10400), then 0.52-0.57, min 0.420@14800, last 0.50');
f('val loss', 'val', [D, P], A, '10.68 -> 0.94 (1600), 1.04@2400, 0.75 (4000) 0.62 (5600) 0.56 (8000) 0.53 (10000), then 0.52-0.61, min 0.411@15000 (0.433@14400), last 0.509');
f('iter loss', 'train', [D, P], A, 'per-iteration: block means 2.19 0.92 0.70 0.67 0.54 0.53 0.53 0.48 0.43 0.42 0.47 0.43', { aliases: ['loss'] });

f = log(R2, 'pytorch-wordlm-text/nlpia2.model_epochs_10_model_RNN_TANH_nhid_200_batch_size_20_bptt_35_nlayers_1.md', { lrAnnealed: true, lrSchedule: 'step' });
f('loss', 'train', [D, P], A, 'epoch-end batch loss 13.1 15.1 14.6 17.3 (explodes at lr 20), LR -> 5: 8.07 7.94, LR -> 1.25: 6.98 6.95 6.87 6.85');
f('valid loss', 'val', [D, P], A, '18.46 13.17 12.32 13.72 7.74 7.89 6.77 6.75 6.64 (min@9) 6.65');
f('test loss', 'test', [I], C, 'single end-of-training test loss 6.58');

f = log(R2, 'simpletransformers-csv/propaganda-detection.training_progress_scores.csv');
f('train_loss', 'train', [D], C, 'noisy 0.920 0.309 0.496 0.460 0.311 0.370 0.180 0.181 0.089 0.174: falls overall');
f('eval_loss', 'val', [O], C, '0.297, min 0.265@366, 0.426 0.298 0.273 0.326 0.400 0.388 0.410 0.443 (last, +67%) while train falls');

f = log(R2, 'text-custom/bi-lstm-cn-language-model.train_log.txt');
f('loss', 'train', [D, P], A, '6.61 -> 1.69 (rec 51) stuck ~1.66 to rec 100 (ep 70-100), resume from ep 70 -> 1.20 1.05 0.99 0.94 0.91 0.88 0.86 0.849, min 0.843@287: slow decline at the end');

f = log(R2, 'text-custom/face-emotion.training.log');
f('Train Loss', 'train', [D], C, 'run1: 1.946 1.937 1.938 1.892 1.714 1.581 1.520 1.470 1.431 1.415', { run: 1, aliases: ['run1 Train Loss'] });
f('Val Loss', 'val', [D], C, 'run1: 1.910 1.899 1.877 1.767 1.532 1.344 1.419 1.260 1.307 1.240 (last = min)', { run: 1, aliases: ['run1 Val Loss'] });
f('Train Loss', 'train', [D], C, 'run2: 1.947 1.933 1.925 1.881 1.798 1.691 1.570 1.503', { run: 2, aliases: ['run2 Train Loss'] });
f('Val Loss', 'val', [D], C, 'run2: 1.910 1.889 1.886 1.758 1.677 1.417 1.306 1.263 (last = min)', { run: 2, aliases: ['run2 Val Loss'] });
f('Train Loss', 'train', [D], C, 'run3: 1.941 1.929 1.893 1.854 1.809 1.737 1.627 1.555 1.489 1.445 1.395', { run: 3, aliases: ['run3 Train Loss'] });
f('Val Loss', 'val', [D], C, 'run3: 1.880 1.884 1.855 1.755 1.677 1.482 1.387 1.313 1.389 1.234 1.210 (last = min)', { run: 3, aliases: ['run3 Val Loss'] });

f = log(R2, 'text-custom/pgnet.train_log.txt');
f('total loss', 'train', [P, D], A, '600 rows 46.6 -> block means 30.8 24.5 21.5 20.0 19.6 17.3 16.7 16.5 16.5 16.6 16.3 15.95; min 10.7@366 (noisy)');
f('score loss', 'train', [P, D], A, '0.246 -> block means 0.1413 0.1394 0.1382 0.1372 0.1360 0.1357 0.1351 over the second half');
f('border loss', 'train', [P, D], A, '0.176 -> block means 0.0943 0.0926 0.0921 0.0901 0.0897 0.0893 0.0890 over the second half');
f('direc loss', 'train', [P, D], A, '0.077 -> block means 0.0425 0.0418 0.0419 0.0406 0.0407 0.0405 0.0400 over the second half');
f('ctc loss', 'train', [P, D], A, '9.22 -> block means 3.40 3.29 3.25 3.25 3.26 3.21 3.14 over the second half; min 2.08@366');

f = log(R2, 'text-custom/rooftop-seg.training.log');
f('Loss', 'train', [D, P], A, '200 ep 0.692 -> block means 0.553 0.542 0.535 0.530 0.522 0.517 0.515 0.512 0.508 0.505 0.503: slow steady -0.003 per 17 ep');

const yoloTrainBoxV5 = '0.1228 -> block means 0.0641 0.0489 0.0409 0.0367 0.0335 0.0307 0.0285 0.0259 0.0241 0.0223 0.0213, min 0.0202@142';
const yoloTrainObjV5 = '0.0237 -> block means 0.0217 0.0176 0.0158 0.0144 0.0132 0.0125 0.0121 0.0116 0.0116 0.0109 0.0100, min 0.0089@145';
const yoloValBoxV5 = '0.117 -> 0.0394 (ep50) 0.0388 0.0360 0.0380 0.0382 0.0359 0.0364 0.0353 (block means), min 0.0334@140 (only point within 2%): slow, noisy';
const yoloValObjV5 = '0.0166 -> min 0.00897@65, then block means 0.00965 0.0102 0.0102 0.0101 0.0104 0.0105: +14% while train obj keeps falling';
const yoloCls = 'exactly 0 at every epoch (single-class data set): nothing to learn';
for (const file of ['yolo-results/helmet-yolov5.exp2.results.csv', 'tfevents/helmet-yolov5.exp2.events.out.tfevents.1671637532.gakko.30470.0']) {
  f = log(R2, file, { lrAnnealed: true, lrSchedule: 'linear' });
  f('train/box_loss', 'train', [D], C, yoloTrainBoxV5);
  f('train/obj_loss', 'train', [D], C, yoloTrainObjV5);
  f('train/cls_loss', 'train', [I, ST, P], A, yoloCls);
  f('val/box_loss', 'val', [D, P], A, yoloValBoxV5);
  f('val/obj_loss', 'val', [O], C, yoloValObjV5);
  f('val/cls_loss', 'val', [I, ST, P], A, yoloCls);
}

f = log(R2, 'tfevents/lstm-textgen.lightning.version_0.events.out.tfevents.1716735746.99c8c45923de.3769.0');
f('train_loss', 'train', [P], C, '2.06 -> block means 0.274 0.259 0.252 0.248 0.2455 0.2450 0.2432 0.2434 0.2433 0.2439 0.2437');
f('val_loss', 'val', [P], C, '0.361 -> 0.262 (106k) -> 0.2535 (186k), min 0.2530@252k, then 0.2534-0.2568, last 0.2556 (+1%)');

f = log(R2, 'tfevents/swahili-stt.train.events.out.tfevents.1628697775.DESKTOP-V1DB051.21044.31250.v2');
f('epoch_loss', 'train', [P], C, '332.7 297.6 270.3 248.3 239.0 238.0 235.7 235.4 235.1 234.8: flat last 5 epochs');

f = log(R2, 'wandb-history-csv/nanogpt-ablations.E2_no_residuals_seed2026_00n831x5_history.csv', { lrAnnealed: true, lrSchedule: 'cosine' });
f('train/loss', 'train', [P, ST], A, '4.197 -> 3.32 at step 26, then 3.311-3.321 for 19 evals: stuck at the unigram entropy ~3.3 (baseline reaches 1.47)');
f('val/loss', 'val', [P, ST], A, '4.197 -> 3.362 at 26, then 3.352-3.366 (min 3.352@78): flat at unigram level');
f('train/step_loss', 'train', [P, ST], A, '4.21 -> block means 3.344 3.312 3.312 3.313 3.308 3.315 3.313 3.309 3.309 3.309 3.313 3.306');

f = log(R2, 'wandb-history-csv/nanogpt-ablations.F2_context_512_seed6242_xoys2s0w_history.csv', { lrAnnealed: true, lrSchedule: 'cosine' });
f('train/loss', 'train', [D], C, '4.262 2.21 1.55 1.31 1.20 1.11 1.04 0.96 0.89 0.81 0.75 0.68 0.61 0.55 0.50 0.46 0.42 0.39 0.37 0.35 0.332');
f('val/loss', 'val', [O], C, '4.251 2.28 1.75 1.56 1.49 1.48 min 1.476@156, then 1.49 1.53 1.57 1.62 1.69 1.73 1.78 1.82 1.86 1.91 1.95 1.98 2.01 2.029 (+37%)');
f('train/step_loss', 'train', [D], C, '4.26 -> block means 1.52 1.26 1.14 1.05 0.96 0.87 0.80 0.73 0.68 0.65 0.62');

// No per-epoch LR in this console log; its hyperparameter line says lr0=0.001, lrf=0.2 (linear to 0.2 x lr0).
f = log(R2, 'yolo-console-text/ocr-price-yolov5.train.log', { lrAnnealed: false, lrSchedule: 'linear' });
f('box', 'train', [D, P], A, 'fine-tune from last.pt: 0.0114 -> decile means 0.0117 0.0104 0.0100 0.0097 0.0094 0.0090 0.0091 0.0087 0.0088; min 0.00847@88');
f('obj', 'train', [D, P], A, '0.00327 -> decile means 0.00309 0.00302 0.00294 0.00286 0.00273 0.00268 0.00269 0.00258 0.00259');
f('cls', 'train', [I, ST, P], A, yoloCls);
f('total', 'train', [D, P], A, '0.0147 -> decile means 0.0148 0.0135 0.0129 0.0126 0.0121 0.0117 0.0118 0.0113 0.0114; min 0.0110@88');

f = log(R2, 'yolo-results/fire-smoke-yolov8.results.csv', { lrAnnealed: true, lrSchedule: 'linear' });
f('train/box_loss', 'train', [D], C, '1.688 1.27 ... 0.945 (ep13), close_mosaic jump to 1.168@15, then 1.11 1.13 1.07 1.06 1.03 1.00 0.98 0.946 0.939 (last = min)');
f('train/cls_loss', 'train', [D], C, '3.386 -> 1.04 (ep13) -> 0.95 0.94 0.84 0.83 0.78 0.76 0.73 0.70 0.665 (last = min)');
f('train/dfl_loss', 'train', [D], C, '2.143 -> min 1.516@13, jump to 1.875@15, then 1.85 1.85 1.77 1.77 1.73 1.70 1.68 1.67 1.641: falling since the jump');
f('val/box_loss', 'val', [D], C, 'noisy 2.335 2.29 1.99 1.95 1.86 2.19 2.07 2.03 2.00 1.67 1.70 1.96 1.80 1.81 1.98 1.73 1.64 1.67 1.73 1.70 1.64 1.58 1.59 1.55 1.493 (last = min)');
f('val/cls_loss', 'val', [D], C, 'noisy 2.82 -> 1.54 (9) 1.24 ... 1.07 (17) 1.02 1.18 1.00 1.12 0.94 1.10 0.925 (last = min)');
f('val/dfl_loss', 'val', [D], C, 'noisy 3.34 3.44 3.01 ... 2.57 (10) ... 2.50 (18) 2.60 2.52 2.40 2.38 2.44 2.291 (last = min)');

// yolox: not in the MANIFEST; 6 sessions, 4 crash before iter 10; two real runs (bs 2: 112 it/epoch, 11 logs/epoch; bs 16: 1 log/epoch).
const yx = log(R2, 'yolox/yolox-tkp153.yolox_s.train_log.txt', { lrAnnealed: true, lrSchedule: 'warmup' });
yx('total_loss', 'train', [P, D], A, 'run 1 (line 4486, 220 logs): epoch means 7.97 2.87 2.36 3.23 3.28 2.02 1.75 1.39 1.05 1.47 1.48 1.27 1.13 1.04 0.91 0.83 0.98 0.93 1.04 1.00; LR warmup 5 ep to 3.1e-4, then 1.56e-5 (min_lr)', { run: 1 });
yx('iou_loss', 'train', [P, D], A, 'run 1: epoch means 1.55 1.29 1.37 1.55 1.60 0.98 0.86 0.64 0.52 0.67 0.76 0.61 0.47 0.48 0.44 0.40 0.50 0.42 0.52 0.48', { run: 1 });
yx('l1_loss', 'train', [P, D], A, 'run 1: 0 for epochs 1-4 (not enabled), 0.51@5 -> 0.12 (ep9), then 0.11-0.16 flat', { run: 1 });
yx('conf_loss', 'train', [P, D], A, 'run 1: epoch means 4.01 0.86 0.53 1.09 0.62 0.45 0.37 0.33 0.19 0.39 0.28 0.28 0.32 0.22 0.18 0.14 0.17 0.20 0.19 0.17', { run: 1 });
yx('cls_loss', 'train', [P, D], A, 'run 1: epoch means 2.40 0.71 0.47 0.54 0.56 0.36 0.34 0.26 0.23 0.26 0.29 0.26 0.19 0.20 0.21 0.18 0.20 0.16 0.20 0.21', { run: 1 });
yx('total_loss', 'train', [P], C, 'run 2 (line 5784, 20 logs, 1 decimal): 8.9 3.9 3.4 3.1 3.7 2.7 1.9 1.7 1.3 1.5 1.5 1.1 1.0 1.2 1.1 1.1 1.1 1.1 1.2 1.0: flat last 8', { run: 2 });
yx('iou_loss', 'train', [P], C, 'run 2: 1.9 1.5 1.7 1.7 1.7 1.1 0.8 0.7 0.6 0.7 0.6 0.5 0.5 0.5 0.5 0.5 0.5 0.5 0.6 0.6', { run: 2 });
yx('l1_loss', 'train', [P, D], A, 'run 2: 0 0 0 0 0.4 0.4 0.2 0.3 0.2 0.2 0.2 0.2 0.2 0.2 0.1 0.2 0.2 0.1 0.2 0.1', { run: 2 });
yx('conf_loss', 'train', [P, D], A, 'run 2: 5.3 1.4 1.0 0.6 1.1 0.8 0.5 0.4 0.3 0.3 0.3 0.3 0.2 0.3 0.2 0.2 0.2 0.2 0.2 0.1', { run: 2 });
yx('cls_loss', 'train', [P], C, 'run 2: 1.7 1.0 0.7 0.7 0.6 0.5 0.3 0.3 0.2 0.3 0.3 0.2 0.2 0.2 0.2 0.2 0.2 0.2 0.2 0.2', { run: 2 });

f = log(R2, 'wandb-run/pino-cp/run-10bruc22.wandb', { lrSchedule: 'step' });
f('train loss', 'train', [D, P], A, '300 ep 1.944 -> block means 1.02 0.84 0.79 0.75 0.67 0.64 0.59 0.57 0.536 0.523 0.513 0.5045, min = last 0.5004; LR not logged (config: x0.5 at 100/150/200)');
f('f loss', 'train', [D, P], A, '1.057 -> block means 0.825 0.754 0.722 0.695 0.640 0.617 0.572 0.554 0.521 0.508 0.498 0.490, min = last 0.486');
f('data loss', 'train', [P], C, '0.1775 -> block means 0.040 0.017 0.013 0.011 0.0060 0.0055 0.0037 0.0035 0.0030 0.00295 0.00293 0.00292: flat since ep ~200');

f = log(R2, 'wandb-run/very-simple-transformer/run-t2wihhdg.wandb', { lrAnnealed: false, lrSchedule: 'constant' });
f('train_loss_local', 'train', [ST], C, '2912 steps, block means 0.740 0.719 0.701 0.706 0.701 0.705 0.705 0.704 0.699 0.698 0.701 0.700: ln 2 = 0.693, chance for binary IMDB; constant lr 1e-3');

f = log(R2, 'wandb-run/stanford-alpaca/run-g4v1y6lg.wandb', { lrAnnealed: true, lrSchedule: 'cosine' });
f('train/loss', 'train', [D, P], A, '3 epochs, block means 0.90 0.80 0.79 0.77 | 0.54 0.48 0.48 0.48 | 0.30 0.26 0.28 0.32: drops at each epoch boundary, flat within an epoch; LR warmup then cosine to 0');
f('train/train_loss', 'other', [I], C, 'one summary value 0.5333 (mean over the run), not a curve');

f = log(R2, 'wandb-run/classifiers-pretraining/run-i892gopf.wandb');
f('average_loss', 'train', [P, D], A, '200 ep 4.01 3.43 3.05 2.74 2.44 2.09 1.67 1.16 0.63 0.24 0.085 0.044 (ep12), then noisy 0.001-0.04: block means 0.042 0.016 0.022 0.036 0.019 0.016 0.015 0.013 0.0127 0.0115');
f('average_val_loss', 'val', [O], C, '3.641 3.29 3.07 2.91 2.86 min 2.837 at epoch 6 (_step 5), then 2.86 3.00 3.23 3.50 ... block means 4.48 4.67 5.12 5.24 5.35 5.77 6.12 6.23 6.36 6.48 6.56, last 6.81');

f = log(R2, 'wandb-run/tinylm/run-kj3gdsjx.wandb', { lrAnnealed: true, lrSchedule: 'cosine' });
f('train/loss', 'train', [D], C, '8.95 -> block means 4.50 4.03 3.87 3.78 3.67 3.62 3.56 3.51 3.50 3.49 3.39 (min 2.86@99450, noisy); LR warmup to 5e-4, decays to 5e-5');
f('val/loss', 'val', [I], C, 'one value 3.738 at the final step');

const fileHalves = halvesByFile(drafts);

/** The half a file belongs to (same split for series and pair labels). */
export function halfOf(corpus: Corpus, file: string): Half {
  const half = fileHalves.get(`${corpus}/${file}`);
  if (!half) throw new Error(`no series label for ${corpus}/${file}`);
  return half;
}

export const SERIES_LABELS: SeriesLabel[] = drafts.map((d) => ({ ...d, half: halfOf(d.corpus, d.file) }));
