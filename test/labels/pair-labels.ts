/**
 * Train/validation pair labels: one per pair of the same quantity in a file (per run), with the
 * validation minimum (bestAt, in the log's own x units) and the range an engineer accepts as
 * "where to stop". Written from the raw numbers, before looking at any pair diagnosis.
 */
import { halfOf } from './series-labels.js';
import type { Corpus, PairKind, PairLabel } from './label-types.js';

const OV: PairKind = 'overfitting';
const GAP: PairKind = 'generalization_gap';
const BD: PairKind = 'both_descending';
const BP: PairKind = 'both_plateau';
const DIV: PairKind = 'diverging';
const INS: PairKind = 'insufficient_data';
const C = 'clear' as const;
const A = 'ambiguous' as const;

const drafts: Array<Omit<PairLabel, 'half'>> = [];

function pair(
  corpus: Corpus, file: string, run: number | null, train: string, val: string, accept: PairKind[],
  bestAt: number | null, tolerance: [number, number] | null, confidence: 'clear' | 'ambiguous', note: string,
): void {
  drafts.push({ corpus, file, run, train, val, accept, bestAt, bestAtTolerance: tolerance, confidence, note });
}

const R1 = 'real-logs' as const;
pair(R1, 'keras-csvlogger/car-prediction-cnn.training.log', null, 'loss', 'val_loss', [GAP], 42, [17, 75], C, 'val 1.90 -> 0.76 by ep 20 then flat 0.72-0.92 (min 0.717@42) while train halves 0.61 -> 0.31');
pair(R1, 'keras-csvlogger/digit-recognition-cnn.training_log.csv', null, 'loss', 'val_loss', [BD, BP], 29, [21, 29], A, 'both creep down after LR halvings at 17 and 27; val min 0.0092@29 (last)');
pair(R1, 'keras-csvlogger/sleep-apnea-cnn.training_log.csv', 1, 'loss', 'val_loss', [BP, GAP], 40, [29, 49], A, 'run 1: train 0.445 -> 0.4385 (ep 29-49), val noisy flat 0.43-0.49, min 0.4308@40');
pair(R1, 'keras-csvlogger/sleep-apnea-cnn.training_log.csv', 2, 'loss', 'val_loss', [BP, GAP], 44, [29, 49], A, 'run 2: train 0.455 -> 0.448, val flat 0.457-0.466, min 0.4454@44');
pair(R1, 'hf-trainer-state/whisper-tiny-nbailab.trainer_state.json', null, 'loss', 'eval_loss', [BD], 98000, [85000, 100000], C, 'train 0.90 -> 0.83, eval 0.538 -> 0.513 over the last 40%, eval min 0.51@98k');
pair(R1, 'hf-trainer-state/tinyllama-finetune.trainer_state.json', null, 'loss', 'eval_loss', [BP, BD], 2800, [2200, 2800], A, 'eval 1.126 1.123 1.122 1.122 (2200-2800), train ~1.04 flat; LR cosine to ~0');
pair(R1, 'plain/unet-segmentation.train_loss.csv', null, 'column 1', 'column 2', [BP], 60, [35, 100], C, 'both flat from row ~40: train 0.247 +- 0.006, val ~0.25 noisy, val min 0.229@60');
pair(R1, 'plain/resume-ocr-yolov11.results.csv', null, 'train/box_loss', 'val/box_loss', [BD], 50, [45, 50], C, 'train 0.711 -> 0.609, val 0.644 -> 0.626 (min = last)');
pair(R1, 'plain/resume-ocr-yolov11.results.csv', null, 'train/cls_loss', 'val/cls_loss', [BD], 50, [46, 50], C, 'train 1.00 -> 0.742, val 0.868 -> 0.800 (min = last)');
pair(R1, 'plain/resume-ocr-yolov11.results.csv', null, 'train/dfl_loss', 'val/dfl_loss', [BD, BP], 50, [40, 50], A, 'train 0.957 -> 0.912, val 0.904 -> 0.893 (min = last), flattening');
pair(R1, 'plain/era-v4-resnet50.training-01-61.log', null, 'train loss', 'val loss', [BD], 61, [58, 61], C, 'train 2.47 -> 2.32, val 1.80 -> 1.39 over the last 20 epochs, val min = last');
pair(R1, 'tfevents/era-v4-resnet50-imagenet.part1.events_out_tfevents_1762027758', null, 'train/loss_epoch', 'val/loss', [BD], 18720, [17000, 19030], C, 'train 2.47 -> 2.32, val 1.80 -> 1.67 (min 1.546@18720) while the one-cycle LR is high');
pair(R1, 'tfevents/era-v4-resnet50-imagenet.part2.events_out_tfevents_1762044905', null, 'train/loss_epoch', 'val/loss', [BD, BP], 27460, [26520, 28080], A, 'both fall with the anneal (train 2.30 -> 1.21, val 1.46 -> 0.97), last 4-5 points flat as LR -> 0');

const R2 = 'real-logs-2' as const;
pair(R2, 'fastai-history/sportsball-fastai.history.csv', null, 'train_loss', 'valid_loss', [OV], 6, [4, 7], C, 'valid min 0.231@6 -> 0.69 (last) while train 0.19 -> 0.107');
pair(R2, 'hf-trainer-state/checkpoint-of-cpt.trainer_state.json', null, 'loss', 'eval_loss', [GAP, OV], 3294, [2745, 3843], A, 'eval min 0.4853@3294 then +1.3% monotone to 0.4917 while train 0.36 -> 0.26');
pair(R2, 'hf-trainer-state/mt5-azerbaijani-news.trainer_state.json', null, 'loss', 'eval_loss', [BD], 6900, [6500, 7000], C, 'train 2.46 -> 2.24, eval 2.09 -> 2.065 (min 2.053@6900)');
pair(R2, 'hf-trainer-state/quality-lrqa.__init__.py', null, 'loss', 'eval_loss', [BP], 200, [50, 3100], C, 'both at ln 4 = 1.386 (chance) from the first log to the last');
pair(R2, 'hf-trainer-state/whisper-ja-5k.trainer_state.json', null, 'loss', 'eval_loss', [OV], 1000, [1000, 2000], C, 'eval 0.321@1000 (min) -> 0.420@5000 monotone while train 0.01 -> 0.0002');
pair(R2, 'keras-console-text/carnd-behavioral-cloning.training_output.txt', null, 'loss', 'val_loss', [GAP, BD], 38, [26, 40], A, 'train 0.027 -> 0.015 (ep20-40), val 0.031 -> 0.028 noisy with a bump to 0.066@34, min 0.0225@38');

// snippet-rnn runs: [kind(s), confidence, bestAt, lo, hi, note]
const snippet: Array<[PairKind[], 'clear' | 'ambiguous', number, number, number, string]> = [
  [[OV], C, 4, 2, 5, 'val min 1.834@4 -> 2.46 (+34%)'],
  [[GAP, OV], A, 10, 6, 10, 'val min 1.771@10 -> 1.93 (+9%)'],
  [[OV], C, 4, 2, 5, 'val min 1.874@4 -> 2.49 (+33%)'],
  [[GAP], C, 11, 8, 14, 'val flat 1.80-1.89 from ep 8, min 1.799@11'],
  [[OV], C, 4, 2, 5, 'val min 1.821@4 -> 2.61 (+43%)'],
  [[GAP, OV], A, 7, 6, 11, 'val flat 1.78-1.87 from ep 6, min 1.777@7, last 1.95'],
  [[OV], C, 4, 3, 6, 'val min 1.871@4 -> 2.48 (+33%)'],
  [[BD, GAP], A, 12, 9, 15, 'val drifts 1.92 -> 1.78, min 1.743@12'],
  [[OV], C, 4, 3, 5, 'val min 1.813@4 -> 2.32 (+28%)'],
  [[OV], C, 6, 4, 6, 'val min 1.727@6 -> 2.00 (+16%)'],
  [[OV], C, 5, 4, 6, 'val min 1.816@5 -> 2.21 (+22%)'],
  [[GAP, BD], A, 13, 9, 13, 'val 1.84 -> min 1.754@13, last 1.87'],
  [[OV], C, 5, 3, 5, 'val min 1.814@5 -> 2.48 (+37%)'],
  [[OV, GAP], A, 10, 7, 10, 'val min 1.659@10, then 1.73-1.91 (+15%)'],
  [[OV], C, 6, 3, 7, 'val min 1.896@6 (1.90-1.92 from ep 3) -> 2.49 (+31%)'],
  [[GAP], C, 14, 9, 14, 'val flat 1.76-1.80 from ep 8, min 1.757@14'],
  [[OV], C, 5, 4, 5, 'val min 1.831@5 -> 2.39 (+30%)'],
  [[OV], C, 10, 7, 11, 'val min 1.663@10 -> 1.93 (+16%, steady)'],
  [[OV], C, 7, 4, 7, 'val min 1.833@7 -> 2.16 (+18%)'],
  [[GAP], C, 11, 8, 15, 'val flat 1.74-1.82 from ep 8, min 1.735@11'],
  [[OV], C, 5, 4, 5, 'val min 1.738@5 -> 2.46 (+42%)'],
  [[GAP, OV], A, 9, 9, 11, 'val min 1.683@9, slow rise to 1.76 (+4.5%)'],
];
snippet.forEach(([accept, conf, bestAt, lo, hi, note], i) =>
  pair(R2, 'keras-console-text/snippet-rnn.0508_results.rb', i + 1, 'loss', 'val_loss', accept, bestAt, [lo, hi], conf, `run${String(i + 1).padStart(2, '0')}: ${note}; train falls every epoch`));

pair(R2, 'keras-csvlogger/brats2020.training.log', null, 'loss', 'val_loss', [BP], 13, [10, 23], C, 'train 0.0260 -> 0.0258, val 0.0345 flat from ep 10 (min 0.03447@13); LR cut to 1e-6');
pair(R2, 'keras-csvlogger/emotion-resnet50.training.log', null, 'loss', 'val_loss', [GAP, OV], 10, [7, 12], A, 'val 1.05-1.13 from ep 7, min 1.024@10, last 1.075, while train 1.10 -> 0.96');
pair(R2, 'keras-history-json/traffic-sign.history.json', null, 'loss', 'val_loss', [BD], 14, [13, 14], C, 'both fall to the last epoch: val 0.44 -> 0.302');
pair(R2, 'lightning-metrics/slm-training.version_0.metrics.csv', null, 'train_loss_epoch', 'val_loss', [BD], 140700, [126700, 140700], C, 'val 3.677 3.623 3.591 3.570 (last = min, x in steps; epoch 9), train -1%/epoch');
pair(R2, 'lightning-metrics/slm-training.version_5.metrics.csv', null, 'train_loss_epoch', 'val_loss', [INS, BP], 154800, [154800, 183000], A, '4 points each: val 3.563 3.566 3.570 3.604, train 3.670 3.670 3.687 3.719');
pair(R2, 'llmc-text/gpt2-124m-cuda.main.log', null, 'trl', 'tel', [BD, BP], 19250, [18500, 19552], A, 'tel 3.281 (17000) -> 3.2731 (19250-19552), trl 3.31 -> 3.29; LR cosine to 0');
pair(R2, 'llmc-text/llmc-hector.gpt2_train.11679031.log', null, 'loss', 'val loss', [DIV], null, null, C, 'all train and val losses nan from step 1');
pair(R2, 'llmc-text/llmc-hector.gpt2_train.11685414.log', null, 'loss', 'val loss', [BD, BP], 19560, [18500, 19560], A, 'val 3.287 3.272 3.2648 (last = min), train 3.31 -> 3.29; LR to 0 at 19560');
pair(R2, 'nanogpt-text/solgpt.out.log.txt', null, 'train loss', 'val loss', [BD, BP], 15000, [13600, 16200], A, 'val ~= train (no gap): 0.53 (10000) then 0.52-0.61, min 0.411@15000, last 0.509');
pair(R2, 'pytorch-wordlm-text/nlpia2.model_epochs_10_model_RNN_TANH_nhid_200_batch_size_20_bptt_35_nlayers_1.md', null, 'loss', 'valid loss', [BD, BP], 9, [7, 10], A, 'after the lr-20 explosion, valid 7.74 7.89 6.77 6.75 6.64 6.65, train 8.07 -> 6.85');
pair(R2, 'simpletransformers-csv/propaganda-detection.training_progress_scores.csv', null, 'train_loss', 'eval_loss', [OV], 366, [366, 915], C, 'eval min 0.265@366 (0.273@915) -> 0.443 (last) while train 0.92 -> 0.17');
pair(R2, 'text-custom/face-emotion.training.log', 1, 'Train Loss', 'Val Loss', [BD], 10, [8, 10], C, 'run1: both fall, val 1.91 -> 1.24 (min = last)');
pair(R2, 'text-custom/face-emotion.training.log', 2, 'Train Loss', 'Val Loss', [BD], 8, [7, 8], C, 'run2: both fall, val 1.91 -> 1.263 (min = last)');
pair(R2, 'text-custom/face-emotion.training.log', 3, 'Train Loss', 'Val Loss', [BD], 11, [10, 11], C, 'run3: both fall, val 1.88 -> 1.21 (min = last)');
for (const file of ['yolo-results/helmet-yolov5.exp2.results.csv', 'tfevents/helmet-yolov5.exp2.events.out.tfevents.1671637532.gakko.30470.0']) {
  pair(R2, file, null, 'train/box_loss', 'val/box_loss', [BD, GAP], 140, [100, 149], A, 'train 0.037 -> 0.021 (ep50-149), val 0.039 -> 0.035 noisy, min 0.0334@140');
  pair(R2, file, null, 'train/obj_loss', 'val/obj_loss', [OV], 65, [40, 75], C, 'val obj min 0.00897@65, then +14% to 0.0105 while train obj 0.013 -> 0.010');
  pair(R2, file, null, 'train/cls_loss', 'val/cls_loss', [INS, BP], null, null, A, 'both exactly 0 throughout (single class)');
}
pair(R2, 'tfevents/lstm-textgen.lightning.version_0.events.out.tfevents.1716735746.99c8c45923de.3769.0', null, 'train_loss', 'val_loss', [BP], 252000, [172400, 384600], C, 'train flat 0.243-0.2455 from step 160k, val 0.2530-0.2568 from 172k (min 0.2530@252000)');
pair(R2, 'wandb-history-csv/nanogpt-ablations.E2_no_residuals_seed2026_00n831x5_history.csv', null, 'train/loss', 'val/loss', [BP], 78, [26, 520], C, 'both flat from step 26 at the unigram level (train 3.31-3.32, val 3.35-3.37)');
pair(R2, 'wandb-history-csv/nanogpt-ablations.F2_context_512_seed6242_xoys2s0w_history.csv', null, 'train/loss', 'val/loss', [OV], 156, [130, 182], C, 'val min 1.476@156 -> 2.029 (monotone) while train 1.04 -> 0.33');
pair(R2, 'yolo-results/fire-smoke-yolov8.results.csv', null, 'train/box_loss', 'val/box_loss', [BD], 24, [21, 24], C, 'train 1.17 -> 0.939 after close_mosaic, val noisy 1.73 -> 1.493 (min = last)');
pair(R2, 'yolo-results/fire-smoke-yolov8.results.csv', null, 'train/cls_loss', 'val/cls_loss', [BD], 24, [22, 24], C, 'train 0.99 -> 0.665, val noisy 1.49 -> 0.925 (min = last)');
pair(R2, 'yolo-results/fire-smoke-yolov8.results.csv', null, 'train/dfl_loss', 'val/dfl_loss', [BD], 24, [21, 24], C, 'train 1.875 -> 1.641 after the jump at 15, val 2.68 -> 2.291 (min = last)');
pair(R2, 'wandb-run/classifiers-pretraining/run-i892gopf.wandb', null, 'average_loss', 'average_val_loss', [OV], 6, [4, 7], C, 'val min 2.837 at epoch 6 (_step 5) -> 6.81 while train 2.09 -> 0.01; bestAt in epochs (tolerance also covers _step 5)');
pair(R2, 'wandb-run/tinylm/run-kj3gdsjx.wandb', null, 'train/loss', 'val/loss', [INS], 107124, [107124, 107124], C, 'a single val/loss value (3.738 at the final step): no validation curve');

export const PAIR_LABELS: PairLabel[] = drafts.map((d) => ({ ...d, half: halfOf(d.corpus, d.file) }));
