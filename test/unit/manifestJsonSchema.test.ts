// The shipped JSON Schema: generated from the zod schema, kept in sync with a committed copy, and as strict.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { manifestJsonSchema } from '../../src/core/manifest';

const COMMITTED = join(__dirname, '..', 'fixtures', 'intent.schema.json');
const VALID = join(__dirname, '..', 'fixtures', 'manifests', 'valid');
const REGENERATE = 'UPDATE_SCHEMA=1 npx mocha test/unit/manifestJsonSchema.test.ts';

describe('manifestJsonSchema', () => {
  const schema = manifestJsonSchema() as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

  it('matches the committed copy in test/fixtures/intent.schema.json', () => {
    const generated = JSON.stringify(schema, null, 2) + '\n';
    if (process.env.UPDATE_SCHEMA) writeFileSync(COMMITTED, generated);
    assert.equal(readFileSync(COMMITTED, 'utf8'), generated,
      `The zod schema changed: regenerate the committed JSON Schema with \`${REGENERATE}\` and review the diff`);
  });

  it('is a draft-07 schema with a title and a description', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.title, 'Intent Lens manifest (intent.yaml)');
    assert.equal(typeof schema.description, 'string');
    assert.deepEqual(schema.required, ['version']);
    assert.equal(schema.additionalProperties, false);
  });

  for (const name of readdirSync(VALID).filter((f) => f.endsWith('.yaml'))) {
    it(`accepts valid/${name}`, () => {
      const ok = validate(parse(readFileSync(join(VALID, name), 'utf8')));
      assert.equal(ok, true, JSON.stringify(validate.errors));
    });
  }

  it('rejects an unknown key, a bad enum, a bad id and a wrong version, as the zod schema does', () => {
    const manifest = { version: 1, objectives: [{ id: 'obj:a', titel: 'A', title: 'A' }] };
    assert.equal(validate(manifest), false);
    assert.deepEqual(validate.errors?.map((e) => [e.instancePath, e.keyword, e.params]), [
      ['/objectives/0', 'additionalProperties', { additionalProperty: 'titel' }],
    ]);
    assert.equal(validate({ version: 1, debt: [{ id: 'debt:a', title: 'A', cost: 'huge' }] }), false);
    assert.deepEqual(validate.errors?.map((e) => [e.instancePath, e.keyword]), [['/debt/0/cost', 'enum']]);
    assert.equal(validate({ version: 1, problems: [{ id: '1bad', title: 'P' }] }), false);
    assert.deepEqual(validate.errors?.map((e) => [e.instancePath, e.keyword]), [['/problems/0/id', 'pattern']]);
    assert.equal(validate({ version: 2 }), false);
    assert.equal(validate({ version: 1, scopes: [{ paths: [], serves: ['obj:a'] }] }), false);
  });
});
