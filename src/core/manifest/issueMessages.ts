// zod issues → sentences a person understands, e.g. `objectives[1].keyResults[0]: 'target' must be a number, got 'three'`.
import type { z } from 'zod';
import { suggest } from './suggest';
import type { PathSegment } from './yamlTree';

/** `objectives[1].keyResults[0]` from a path. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** A value as the user wrote it, short and on one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : '?'));
    return `'${oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** One sentence per problem; `target` says whether it belongs on a key or on the node at `path`. */
export interface IssueMessage {
  readonly message: string;
  /** Path relative to the validated unit (item or manifest top level). */
  readonly path: readonly PathSegment[];
  /** 'key': the key at `path` (unknown keys); 'parent': the mapping that lacks `path`'s last key. */
  readonly target: 'node' | 'key' | 'parent';
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Messages for one zod issue of a unit validated alone.
 * @param prefix where the unit is (`objectives[0]`), '' for the manifest's top level
 * @param value the plain value that was validated
 * @param knownKeys the unit's keys, for "did you mean" on unknown keys
 */
export function issueMessages(issue: z.core.$ZodIssue, prefix: string, value: unknown, knownKeys: readonly string[]): IssueMessage[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
  const at = (body: string): string => (prefix ? `${prefix}: ${body}` : body);
  const field = formatPath(path);
  const got = valueAt(value, path);

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const guess = path.length === 0 ? suggest(key, knownKeys) : undefined;
      const where = path.length === 0 ? '' : ` in '${field}'`;
      return {
        message: at(`unknown key '${key}'${where}${guess ? ` (did you mean '${guess}'?)` : ''}`),
        path: [...path, key],
        target: 'key' as const,
      };
    });
  }

  if (path.length === 0) {
    if (prefix === '') {
      return [{
        message: got === null || got === undefined
          ? "the manifest is empty: start it with 'version: 1'"
          : `the manifest must be a mapping that starts with 'version: 1', got ${describeValue(got)}`,
        path,
        target: 'node',
      }];
    }
    return [{ message: `${prefix} must be a mapping with an 'id' and a 'title', got ${describeValue(got)}`, path, target: 'node' }];
  }

  if (got === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return [{ message: at(`missing required '${field}'`), path, target: 'parent' }];
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const hint = issue.expected === 'string' && (typeof got === 'number' || typeof got === 'boolean')
        ? ' (put it in quotes to make it text)'
        : '';
      return [{ message: at(`'${field}' must be ${expected}, got ${describeValue(got)}${hint}`), path, target: 'node' }];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const expected = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return [{ message: at(`'${field}' must be ${expected}, got ${describeValue(got)}`), path, target: 'node' }];
    }
    case 'too_big':
    case 'too_small': {
      const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      const bound = issue.code === 'too_big' ? 'at most' : 'at least';
      if (issue.origin === 'string') {
        const len = typeof got === 'string' ? ` (it has ${got.length})` : '';
        return [{ message: at(`'${field}' must be ${bound} ${plural(limit, 'character')} long${len}`), path, target: 'node' }];
      }
      if (issue.origin === 'array') {
        const len = Array.isArray(got) ? ` (it has ${got.length})` : '';
        return [{ message: at(`'${field}' must have ${bound} ${plural(limit, 'entry').replace('entrys', 'entries')}${len}`), path, target: 'node' }];
      }
      return [{ message: at(`'${field}' must be ${bound} ${limit}, got ${describeValue(got)}`), path, target: 'node' }];
    }
    case 'invalid_format':
    case 'custom':
      // Our own refinements and regexes carry a readable message ("must start with a letter …").
      return [{ message: at(`'${field}' ${issue.message}, got ${describeValue(got)}`), path, target: 'node' }];
    default:
      return [{ message: at(`'${field}' is not valid: ${issue.message}`), path, target: 'node' }];
  }
}
