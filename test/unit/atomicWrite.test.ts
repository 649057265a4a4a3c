import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../src/node/atomicWrite';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'il-atomic-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the file and leaves no temp file behind', () => {
    const file = path.join(dir, 'baseline.json');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, 'new contents');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new contents');
    assert.deepEqual(fs.readdirSync(dir), ['baseline.json']);
  });

  it('keeps the old file intact when the write fails', () => {
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, 'old report');
    // A folder in place of the target makes the final rename fail after the temp file was written.
    const blocked = path.join(dir, 'blocked');
    fs.mkdirSync(path.join(blocked, 'inner'), { recursive: true });
    assert.throws(() => writeFileAtomic(blocked, 'x'));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['blocked', 'report.html']);
    assert.equal(fs.readFileSync(file, 'utf8'), 'old report');
  });
});
