import { diagnosePair } from '../detect/pair.js';
import { explainPair, pairSeriesDiagnosis } from '../detect/pair-explain.js';
import { alignPair, findPairs } from './pairs.js';
/**
 * Finds and diagnoses the training/validation pairs of a log, and lets each pair's reading into
 * its validation series' own verdict (`pairSeriesDiagnosis`: a validation loss rising while the
 * training loss falls is overfitting, not diverging or insufficient data). `series` is in log
 * order and is updated in place.
 */
export function analyzePairs(log, series) {
    const out = [];
    for (const p of findPairs(log)) {
        const train = log.series[p.train];
        const val = log.series[p.validation];
        const aligned = alignPair(train, val);
        if (!aligned)
            continue;
        const d = diagnosePair(aligned);
        const text = explainPair(d, { train: train.name, val: val.name });
        out.push({
            train: train.name,
            validation: val.name,
            test: p.test !== null ? log.series[p.test].name : null,
            run: p.run,
            quantity: p.quantity,
            kind: d.kind,
            bestAt: d.best ? d.best.at : null,
            summary: text.summary,
            suggestion: text.suggestion,
            diagnosis: d,
            aligned,
        });
        const s = series[p.validation];
        if (!s)
            continue;
        s.diagnosis = pairSeriesDiagnosis(s.diagnosis, d, text);
        s.verdict = s.diagnosis.verdict;
        s.summary = s.diagnosis.summary;
        s.suggestion = s.diagnosis.suggestion;
    }
    return out;
}
/** The `--json` form of a pair (the aligned curves left out). */
export function pairJson(p) {
    const { aligned: _aligned, diagnosis, ...rest } = p;
    return { ...rest, evidence: diagnosis };
}
//# sourceMappingURL=analyze-pairs.js.map