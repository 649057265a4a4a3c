// Key-result progress, baseline → current → target, for hovers, trees and reports.
import type { KeyResult } from '../types';

export type KrProgressState = 'ok' | 'missing' | 'done' | 'regressed';

export interface KrProgress {
  /** Share of the way from baseline to target, clamped to [0, 1]; undefined when it cannot be known. */
  readonly fraction?: number;
  /** `fraction` as a whole percentage. */
  readonly percent?: number;
  /** e.g. `5 → 3 days · 50%`, or `7 → 3 days · no current value`. */
  readonly label: string;
  readonly state: KrProgressState;
}

function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function isNumber(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * Progress of a key result. Works for decreasing targets (7 → 3 days with current 5 is 50%), is clamped to
 * [0, 1] (beyond the target is `done`, worse than the baseline is `regressed`), and says plainly which value
 * is missing instead of guessing.
 */
export function krProgress(kr: Pick<KeyResult, 'baseline' | 'target' | 'current' | 'unit'>): KrProgress {
  const unit = kr.unit ? ` ${kr.unit}` : '';
  const { baseline, target, current } = kr;
  if (!isNumber(target)) {
    return { state: 'missing', label: isNumber(current) ? `${num(current)}${unit} · no target` : 'no target' };
  }
  if (!isNumber(current)) {
    const from = isNumber(baseline) ? `${num(baseline)} → ` : '';
    return { state: 'missing', label: `${from}${num(target)}${unit} · no current value` };
  }
  const head = `${num(current)} → ${num(target)}${unit}`;
  if (!isNumber(baseline)) {
    if (current === target) return { state: 'done', fraction: 1, percent: 100, label: `${head} · 100%` };
    return { state: 'missing', label: `${head} · no baseline` };
  }
  if (baseline === target) {
    // Nothing to move: holding the target is done, any departure from it is a regression.
    return current === target
      ? { state: 'done', fraction: 1, percent: 100, label: `${head} · 100%` }
      : { state: 'regressed', fraction: 0, percent: 0, label: `${head} · 0% (target was ${num(target)}${unit})` };
  }
  const raw = (current - baseline) / (target - baseline);
  const fraction = Math.min(1, Math.max(0, raw));
  const percent = Math.round(fraction * 100);
  if (raw >= 1) return { state: 'done', fraction, percent, label: `${head} · ${percent}%` };
  if (raw < 0) return { state: 'regressed', fraction, percent, label: `${head} · ${percent}% (worse than baseline ${num(baseline)})` };
  return { state: 'ok', fraction, percent, label: `${head} · ${percent}%` };
}

/** A small text bar, e.g. `▰▰▰▰▰▱▱▱▱▱` for 0.5 at width 10. */
export function progressBar(fraction: number, width = 10): string {
  const w = Math.max(1, Math.min(100, Math.floor(Number.isFinite(width) ? width : 10)));
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(f * w);
  return '▰'.repeat(filled) + '▱'.repeat(w - filled);
}
