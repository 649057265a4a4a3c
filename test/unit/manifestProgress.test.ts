// krProgress and progressBar: baseline → current → target, both directions, clamped, honest about gaps.
import * as assert from 'node:assert/strict';
import { krProgress, progressBar } from '../../src/core/manifest';

describe('krProgress', () => {
  it('measures an increasing target', () => {
    assert.deepEqual(krProgress({ baseline: 10, current: 40, target: 110, unit: 'users' }), {
      state: 'ok', fraction: 0.3, percent: 30, label: '40 → 110 users · 30%',
    });
  });

  it('measures a decreasing target (7 → 3 days with current 5 is half way)', () => {
    assert.deepEqual(krProgress({ baseline: 7, current: 5, target: 3, unit: 'days' }), {
      state: 'ok', fraction: 0.5, percent: 50, label: '5 → 3 days · 50%',
    });
  });

  it('clamps beyond the target to done, and worse than the baseline to regressed', () => {
    assert.deepEqual(krProgress({ baseline: 7, current: 2, target: 3, unit: 'days' }), {
      state: 'done', fraction: 1, percent: 100, label: '2 → 3 days · 100%',
    });
    assert.deepEqual(krProgress({ baseline: 7, current: 3, target: 3 }), { state: 'done', fraction: 1, percent: 100, label: '3 → 3 · 100%' });
    assert.deepEqual(krProgress({ baseline: 7, current: 9, target: 3, unit: 'days' }), {
      state: 'regressed', fraction: 0, percent: 0, label: '9 → 3 days · 0% (worse than baseline 7)',
    });
    assert.deepEqual(krProgress({ baseline: 10, current: 5, target: 20 }).fraction, 0);
  });

  it('says which value is missing instead of guessing', () => {
    assert.deepEqual(krProgress({ baseline: 7, target: 3, unit: 'days' }), { state: 'missing', label: '7 → 3 days · no current value' });
    assert.deepEqual(krProgress({ target: 3 }), { state: 'missing', label: '3 · no current value' });
    assert.deepEqual(krProgress({ baseline: 7, current: 5, unit: 'days' }), { state: 'missing', label: '5 days · no target' });
    assert.deepEqual(krProgress({}), { state: 'missing', label: 'no target' });
    assert.deepEqual(krProgress({ current: 5, target: 3 }), { state: 'missing', label: '5 → 3 · no baseline' });
    assert.deepEqual(krProgress({ current: 3, target: 3 }), { state: 'done', fraction: 1, percent: 100, label: '3 → 3 · 100%' });
  });

  it('handles a baseline equal to the target (hold the line)', () => {
    assert.deepEqual(krProgress({ baseline: 99.9, current: 99.9, target: 99.9, unit: '%' }), {
      state: 'done', fraction: 1, percent: 100, label: '99.9 → 99.9 % · 100%',
    });
    assert.deepEqual(krProgress({ baseline: 99.9, current: 99.5, target: 99.9, unit: '%' }), {
      state: 'regressed', fraction: 0, percent: 0, label: '99.5 → 99.9 % · 0% (target was 99.9 %)',
    });
  });

  it('rounds the label and the percentage, not the fraction', () => {
    const p = krProgress({ baseline: 0, current: 1, target: 3 });
    assert.equal(p.fraction, 1 / 3);
    assert.equal(p.percent, 33);
    assert.equal(krProgress({ baseline: 2.4, current: 1.1, target: 0.5, unit: '%' }).label, '1.1 → 0.5 % · 68%');
  });
});

describe('progressBar', () => {
  it('draws filled and empty cells in proportion', () => {
    assert.equal(progressBar(0.5, 10), '▰▰▰▰▰▱▱▱▱▱');
    assert.equal(progressBar(0, 4), '▱▱▱▱');
    assert.equal(progressBar(1, 4), '▰▰▰▰');
    assert.equal(progressBar(1 / 3), '▰▰▰▱▱▱▱▱▱▱');
  });

  it('clamps odd input', () => {
    assert.equal(progressBar(2, 3), '▰▰▰');
    assert.equal(progressBar(-1, 3), '▱▱▱');
    assert.equal(progressBar(Number.NaN, 3), '▱▱▱');
    assert.equal(progressBar(0.5, 0), '▰');
  });
});
