// Review names declarations only: the properties of a type literal inside a function are part of it.
import * as assert from 'node:assert/strict';
import { declarationsOnly } from '../../src/core/review/declarations';
import type { SymbolNode } from '../../src/core/types';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });
const sym = (name: string, kind: string, line: number, children: SymbolNode[] = []): SymbolNode => ({ name, kind, range: at(line), selectionRange: at(line), children });
const names = (list: readonly SymbolNode[]): string[] => list.flatMap((s) => [s.name, ...names(s.children).map((n) => `${s.name}.${n}`)]);

describe('review: declarations only', () => {
  it('drops properties of type literals inside functions and variables, keeps class and interface members', () => {
    const tree = [
      sym('search', 'function', 1, [sym('limit', 'property', 1), sym('inner', 'function', 2)]),
      sym('config', 'variable', 5, [sym('port', 'property', 5)]),
      sym('Pool', 'class', 7, [sym('size', 'property', 8), sym('query', 'method', 9, [sym('opts', 'property', 9)])]),
      sym('Row', 'interface', 12, [sym('id', 'property', 13)]),
      sym('Status', 'enum', 15, [sym('Open', 'enummember', 16)]),
    ];
    assert.deepEqual(names(declarationsOnly(tree)), ['search', 'search.inner', 'config', 'Pool', 'Pool.size', 'Pool.query', 'Row', 'Row.id', 'Status', 'Status.Open']);
  });
});
