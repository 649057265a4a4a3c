// zod issues → sentences a person understands, e.g. `objectives[1].keyResults[0]: 'target' must be a number, got 'three'`.
import type * as z from 'zod';
import { english, message, msg, type Message, type MessageArg } from '../l10n';
import { ID_MESSAGE, REFINE_MESSAGES } from './manifestSchema';
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

/** A value as the user wrote it, short and on one line, as a translatable message. */
export function valueMessage(value: unknown): Message | string {
  if (value === undefined) return message('nothing');
  if (value === null) return message('an empty value');
  if (typeof value === 'string') {
    const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : '?'));
    return message("'{0}'", oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return message('a list');
  if (typeof value === 'object') return message('a mapping');
  return typeof value;
}

const EXPECTED: Record<string, Message | undefined> = {
  string: message('text'),
  number: message('a number'),
  int: message('a whole number'),
  boolean: message('true or false'),
  array: message('a list'),
  object: message('a mapping'),
};

/** One sentence per problem; `target` says whether it belongs on a key or on the node at `path`. */
export interface IssueMessage {
  readonly message: string;
  readonly l10n: Message;
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

const characters = (n: number): Message => (n === 1 ? message('1 character') : message('{0} characters', n));
const entries = (n: number): Message => (n === 1 ? message('1 entry') : message('{0} entries', n));
/** ` (it has 3)` after a length limit, '' when the value has no length. */
const itHas = (n: number | undefined): MessageArg => (n === undefined ? '' : message(' (it has {0})', n));
const REFINEMENTS: ReadonlySet<string> = new Set([...Object.values(REFINE_MESSAGES), ID_MESSAGE]);

/**
 * Messages for one zod issue of a unit validated alone.
 * @param prefix where the unit is (`objectives[0]`), '' for the manifest's top level
 * @param value the plain value that was validated
 * @param knownKeys the unit's keys, for "did you mean" on unknown keys
 */
export function issueMessages(issue: z.core.$ZodIssue, prefix: string, value: unknown, knownKeys: readonly string[]): IssueMessage[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
  const at = (body: Message): Message => (prefix ? message('{0}: {1}', prefix, body) : body);
  const out = (body: Message, p: readonly PathSegment[], target: IssueMessage['target']): IssueMessage[] => {
    const m = at(body);
    return [{ message: english(m), l10n: m, path: p, target }];
  };
  const field = formatPath(path);
  const got = valueAt(value, path);
  const gotText = valueMessage(got);

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const guess = path.length === 0 ? suggest(key, knownKeys) : undefined;
      const body = path.length === 0
        ? (guess ? message("unknown key '{0}' (did you mean '{1}'?)", key, guess) : message("unknown key '{0}'", key))
        : message("unknown key '{0}' in '{1}'", key, field);
      const m = at(body);
      return { message: english(m), l10n: m, path: [...path, key], target: 'key' as const };
    });
  }

  if (path.length === 0) {
    if (prefix === '') {
      const m = got === null || got === undefined
        ? msg("the manifest is empty: start it with 'version: 1'")
        : msg("the manifest must be a mapping that starts with 'version: 1', got {0}", gotText);
      return [{ ...m, path, target: 'node' }];
    }
    return [{ ...msg("{0} must be a mapping with an 'id' and a 'title', got {1}", prefix, gotText), path, target: 'node' }];
  }

  if (got === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return out(message("missing required '{0}'", field), path, 'parent');
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return issue.expected === 'string' && (typeof got === 'number' || typeof got === 'boolean')
        ? out(message("'{0}' must be {1}, got {2} (put it in quotes to make it text)", field, expected, gotText), path, 'node')
        : out(message("'{0}' must be {1}, got {2}", field, expected, gotText), path, 'node');
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      return values.length === 1
        ? out(message("'{0}' must be {1}, got {2}", field, values[0], gotText), path, 'node')
        : out(message("'{0}' must be one of {1}, got {2}", field, values.join(', '), gotText), path, 'node');
    }
    case 'too_big':
    case 'too_small': {
      const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
      const most = issue.code === 'too_big';
      if (issue.origin === 'string') {
        const len = itHas(typeof got === 'string' ? got.length : undefined);
        return out(most
          ? message("'{0}' must be at most {1} long{2}", field, characters(limit), len)
          : message("'{0}' must be at least {1} long{2}", field, characters(limit), len), path, 'node');
      }
      if (issue.origin === 'array') {
        const len = itHas(Array.isArray(got) ? got.length : undefined);
        return out(most
          ? message("'{0}' must have at most {1}{2}", field, entries(limit), len)
          : message("'{0}' must have at least {1}{2}", field, entries(limit), len), path, 'node');
      }
      return out(most
        ? message("'{0}' must be at most {1}, got {2}", field, limit, gotText)
        : message("'{0}' must be at least {1}, got {2}", field, limit, gotText), path, 'node');
    }
    case 'invalid_format':
    case 'custom': {
      // Our own refinements and regexes carry a readable message ("must start with a letter …"), translated too.
      const problem: MessageArg = REFINEMENTS.has(issue.message) ? message(issue.message) : issue.message;
      return out(message("'{0}' {1}, got {2}", field, problem, gotText), path, 'node');
    }
    default:
      return out(message("'{0}' is not valid: {1}", field, issue.message), path, 'node');
  }
}
