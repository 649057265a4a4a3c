// Windows around tag lines: cut only at top-level statement starts, never inside strings, comments or bodies.

import * as assert from 'node:assert/strict';
import { topLevelStarts, windowsFor } from '../../src/core/symbols/windows';

describe('symbol windows', () => {
  it('finds the lines that start top-level statements', () => {
    const text = [
      'import x from "y";', // 0
      '', // 1
      '// comment', // 2
      '@Decorator()', // 3
      'export class A {', // 4
      'method() {}', // 5: column 0 but inside the class body
      '}', // 6
      'const s = `', // 7
      'not code at column 0', // 8: inside a template literal
      '`;', // 9
      '/*', // 10
      'inside a comment', // 11
      '*/', // 12
      'function f() {}', // 13
    ].join('\n');
    assert.deepEqual(topLevelStarts(text, 'a.ts'), [4, 7, 13]);
  });

  it('treats Python docstrings and indentation right', () => {
    const text = ['"""Module doc', 'def not_code():', '"""', 'def f():', '    pass', '@dec', 'class A:', '    x = 1'].join('\n');
    assert.deepEqual(topLevelStarts(text, 'a.py'), [3, 6]);
  });

  it('spans from the statement before a tag line through the statement after it', () => {
    const text = ['a();', '// @intent x', 'function f() {', '}', 'b();', 'c();', 'd();', 'e();', 'g();', 'h();', 'i();'].join('\n');
    assert.deepEqual(windowsFor(text, 'a.ts', [1], 11), [{ startLine: 0, endLine: 4 }]);
    assert.deepEqual(windowsFor(text, 'a.ts', [1, 3], 11), [{ startLine: 0, endLine: 5 }]);
  });

  it('gives up (parse everything) when the windows would cover most of the file', () => {
    const text = ['a();', '// @intent x', 'b();'].join('\n');
    assert.equal(windowsFor(text, 'a.ts', [1], 3), undefined);
    assert.equal(windowsFor('x', 'a.unknown', [0], 1), undefined);
  });
});
