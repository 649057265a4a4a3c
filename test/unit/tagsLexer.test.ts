// The fast lexer and tag scan against the char-by-char reference they replaced: same comment and string
// ranges, same TagScan, on random text, mutated syntax and mutated realistic sources in every language.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lexComments } from '../../src/core/tags/commentLexer';
import { scanWithSyntax } from '../../src/core/tags/tagScanner';
import { languageForPath, type LanguageSyntax } from '../../src/core/tags/languages';
import { referenceLexComments, referenceScanWithSyntax } from './support/referenceLexer';

const FILES = [
  'a.ts', 'a.java', 'a.c', 'a.cs', 'a.go', 'a.rs', 'a.swift', 'a.kt', 'a.scala', 'a.php', 'a.css', 'a.scss', 'a.dart',
  'a.py', 'a.rb', 'a.sh', 'a.yaml', 'a.toml', 'a.r', 'a.pl', 'a.ps1', 'a.conf', 'Makefile', 'Dockerfile', 'a.ini', 'a.sql',
  'a.lua', 'a.hs', 'a.lisp', 'a.clj', 'a.asm', 'a.tex', 'a.erl', 'README.md', 'a.xml', 'a.html', 'a.vue',
];
const SYNTAXES: [string, LanguageSyntax][] = FILES.map((f) => [f, languageForPath(f)!]);

/** Every piece of syntax any language gives meaning to, plus tag text, markers and awkward characters. */
const PIECES = [
  '//', '/*', '*/', '/**', '#', '"""', "'''", '"', "'", '`', '```', '~~~', '${', '$', '{', '}', '\n', '\r\n', '\r', '\\',
  '@"', '<#', '#>', '--', '--[[', ']]', '[[', '{-', '-}', '#|', '|#', ';', '%', '<!--', '-->', '<script>', '</script>',
  '<SCRIPT type="x">', '</Script >', '<style>', '</style>', 'r#"', '"#', 'br"', 'r"', "'a", "'\\n'", "'x'", 'b', 'r',
  '@intent ', '@intent-file ', '@debt ', '@Intent ', '@intnet ', '@intent: ', 'kr:a', 'obj:b.c', '1bad', ', ', ',', ' -- ',
  ' \u2014 ', 'TODO', 'TODO:', 'FIXME(x)', 'HACK', 'é', '😀', '\u00a0', ' ', '\t', 'x', 'foo', '(', ')', '<', '>',
  '<<EOF', '<<-EOF', '<< EOF', "<<'EOF'", '<<"EOS"', '<<~EOS', '<<-eos', '<<\\EOF', '<<<', '<<', 'EOF', 'EOS', '\tEOF', '  EOS',
  'x = ', 'r"""', 'f(',
];

function lexLog(lexer: typeof lexComments, text: string, syntax: LanguageSyntax): string[] {
  const out: string[] = [];
  lexer(text, syntax, (s, e) => out.push(`c${s}-${e}`), (s, e) => out.push(`s${s}-${e}`));
  return out;
}

function assertSame(text: string, file: string, syntax: LanguageSyntax, markers?: readonly string[]): void {
  const ctx = `${file}: ${JSON.stringify(text)}`;
  assert.deepEqual(lexLog(lexComments, text, syntax), lexLog(referenceLexComments, text, syntax), ctx);
  const options = markers ? { markers } : undefined;
  assert.deepEqual(scanWithSyntax(text, syntax, options), referenceScanWithSyntax(text, syntax, options), ctx);
}

const SAMPLE = [
  '// @intent kr:cycle-time, problem:a -- filters first',
  'export function search(q: string) {',
  '  const s = `${q} in ${"str // not a comment"} ${ {a: 1}.a }`; /* TODO: x */',
  "  const c = 'it''s'; const r = /re/; // FIXME(bob): later",
  '  return r#"raw // no"# + b"x" + \'\\\'\' ; # @debt debt:n-plus-one',
  '}',
  '<!-- @intent obj:faster-casting --> <script> // @intent kr:x </script> <style>/* HACK */</style>',
  '"""doc @intent kr:py""" \'\'\'more\'\'\' --[[ lua @debt x ]] {- hs TODO -} #| lisp |# <# ps #>',
  'let s = @"verbatim "" // not"; x = \'a; y = \'\\u{1F600}\'; echo ${x#y} a#b',
  'cat <<-EOF | sh # @intent kr:after-opener',
  '# @debt debt:in-heredoc TODO: not a marker',
  '\tEOF',
  'x = """@intent kr:in-string"""; y = <<~EOS',
  '  # @intent kr:in-ruby-heredoc',
  '  EOS',
].join('\n');

describe('fast lexer ≡ reference lexer', () => {
  it('agrees on a sample that exercises every construct, in every language', () => {
    for (const [file, syntax] of SYNTAXES) {
      assertSame(SAMPLE, file, syntax);
      assertSame(SAMPLE, file, syntax, ['TODO', 'NOTE', '']);
      // every prefix and suffix: unterminated constructs at the end, odd starts
      for (let k = 0; k <= SAMPLE.length; k += 7) {
        assertSame(SAMPLE.slice(0, k), file, syntax);
        assertSame(SAMPLE.slice(k), file, syntax);
      }
    }
  });

  it('agrees where plain lines are skipped up to a marker: single-line strings end at their line break unless escaped (property)', () => {
    // Lines of code, strings and markers: the fast scan jumps over lines that carry no state to the next marker's
    // line, so every way a string or comment can run past a line break must stop that jump.
    const LINES = [
      'x = "a\\', 'x = "b";', "y = 'c';", "y = 'c\\", 'w = "/*";', "w2 = '*/';", 'v = "// TODO in a string";', 'z = 1;',
      '// TODO real', '# TODO real', '-- TODO real', '/* TODO', '*/', '"""', "'''", '`', '${', '}', 'x = "unterminated', '<<EOF', 'EOF',
    ];
    const text = fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 14 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol) + eol));
    fc.assert(
      fc.property(text, fc.constantFrom(...SYNTAXES), (t, [file, syntax]) => assertSame(t, file, syntax, ['TODO'])),
      { numRuns: 4000, seed: 7 },
    );
    // The case itself: a C string continued by an escaped line break holds the next line's `// TODO`.
    const continued = 'x = "a\\\n// TODO inside the string\n";\n// TODO real\n';
    const c = languageForPath('a.c')!;
    assertSame(continued, 'a.c', c, ['TODO']);
    assert.equal(scanWithSyntax(continued, c, { markers: ['TODO'] }).markers.length, 1);
  });

  it('agrees on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...SYNTAXES), (text, [file, syntax]) => {
        assertSame(text, file, syntax);
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees on mutated syntax', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }), fc.constantFrom(...SYNTAXES), (parts, [file, syntax]) => {
        assertSame(parts.join(''), file, syntax);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on mutated realistic sources (insertions and deletions)', () => {
    const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 12 }), piece: fc.constantFrom(...PIECES) });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), fc.constantFrom(...SYNTAXES), fc.constantFrom(undefined, ['TODO'], ['XX', 'TODO']), (edits, [file, syntax], markers) => {
        let text = SAMPLE;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.piece + text.slice(at + (e.len % 3 === 0 ? e.len : 0));
        }
        assertSame(text, file, syntax, markers);
      }),
      { numRuns: 2000 },
    );
  });
});
