// Unit tests for the booking lifecycle rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, parseStatus } from './bookingState';

test('a pending booking can be confirmed or cancelled', () => {
  assert.ok(canMove('pending', 'confirmed'));
  assert.ok(canMove('pending', 'cancelled'));
  assert.ok(!canMove('pending', 'completed'));
});

test('legacy status spellings are understood', () => {
  assert.equal(parseStatus('CONFIRMED'), 'confirmed');
  assert.equal(parseStatus(' ok '), 'confirmed');
  assert.throws(() => parseStatus('maybe'));
});
