// Unit tests for availability filtering and ranking (node:test, no database).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFreeThroughout } from './availabilityFilter';
import { rank } from './ranking';

test('a booked day excludes the talent', () => {
  assert.equal(
    isFreeThroughout([
      { talent_id: 't1', day: '2026-12-01', status: 'free' },
      { talent_id: 't1', day: '2026-12-02', status: 'booked' },
    ]),
    false,
  );
});

test('a hold still counts as available', () => {
  assert.equal(isFreeThroughout([{ talent_id: 't1', day: '2026-12-01', status: 'hold' }]), true);
});

test('ranking puts the best skill match first', () => {
  const ranked = rank(
    [
      { id: 'a', display_name: 'Ada', agency_id: 'x', skills: ['stage combat'] },
      { id: 'b', display_name: 'Ben', agency_id: 'x', skills: ['stage combat', 'horse riding'] },
    ],
    ['stage combat', 'horse riding'],
  );
  assert.deepEqual(ranked.map((t) => t.id), ['b', 'a']);
});
