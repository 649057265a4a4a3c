// Unit tests for invoice building.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInvoice } from './invoice';

test('an invoice has one line per fee component and a rounded total', () => {
  const invoice = buildInvoice('b-1', 'p-9', { dayRate: 333.33, commissionRate: 0.12, vatRate: 0.2 }, 3);
  assert.deepEqual(invoice.lines.map((l) => l.label), ['Talent fee (3 days)', 'Casting Hub commission', 'VAT']);
  assert.equal(invoice.total, 1343.99);
});
