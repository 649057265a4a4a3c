// The tag scanner: comment syntaxes, strings that hide tags, notes, IDs, malformed tags, markers, robustness.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TAG_DIRECTIVES } from '../../src/core/tags/directives';
import { DEFAULT_MARKERS, scanTags } from '../../src/core/tags/tagScanner';
import { languageForPath } from '../../src/core/tags/languages';
import type { Range, TagScan } from '../../src/core/types';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

/** `kind:id,id|note` per tag, in order. */
function summary(scan: TagScan): string[] {
  return scan.tags.map((t) => `${t.kind}:${t.ids.map((i) => i.id).join(',')}${t.note !== undefined ? '|' + t.note : ''}`);
}

/** The text a range covers, for asserting exact ranges readably. */
function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

describe('tag scanner', () => {
  describe('comment syntaxes', () => {
    const cases: [string, string, string[]][] = [
      ['a.ts', '// @intent kr:a\nconst x = 1; // @debt debt:b', ['intent:kr:a', 'debt:debt:b']],
      ['a.java', '/*\n * Text.\n * @intent kr:a, kr:b\n */\nclass A {}', ['intent:kr:a,kr:b']],
      ['a.go', '/* @intent-file obj:x */ package a', ['intent-file:obj:x']],
      ['a.py', '# @intent kr:a\nx = 1  # @debt debt:b', ['intent:kr:a', 'debt:debt:b']],
      ['a.py', 'def f():\n    """Does f.\n\n    @intent kr:doc\n    """\n', ['intent:kr:doc']],
      ["a.py", "'''@intent kr:single-quoted-doc'''", ['intent:kr:single-quoted-doc']],
      ['a.sh', 'echo hi # @intent kr:a\necho ${x#y} @intent kr:no', ['intent:kr:a']],
      ['a.yaml', 'a: b # @intent kr:a\nc: "# @intent kr:no"', ['intent:kr:a']],
      ['a.sql', 'select 1; -- @intent kr:a\n/* @debt debt:b */', ['intent:kr:a', 'debt:debt:b']],
      ['a.lua', '--[[ @intent kr:block ]]\n-- @intent kr:line', ['intent:kr:block', 'intent:kr:line']],
      ['a.hs', '{- @intent kr:block -}\n-- @intent kr:line', ['intent:kr:block', 'intent:kr:line']],
      ['a.clj', '; @intent kr:a\n(def x "; @intent kr:no")', ['intent:kr:a']],
      ['a.ini', '; @intent kr:a\n# @intent kr:b', ['intent:kr:a', 'intent:kr:b']],
      ['a.html', '<!-- @intent kr:a -->\n<p>// @intent kr:no</p>\n<script>\n// @intent kr:script\nconst s = "<!-- @intent kr:no2 -->";\n</script>', ['intent:kr:a', 'intent:kr:script']],
      ['a.vue', '<template><!-- @intent kr:t --></template>\n<script setup lang="ts">\n/* @intent kr:s */\n</script>', ['intent:kr:t', 'intent:kr:s']],
      ['README.md', '<!-- @intent kr:a -->\n```ts\n// @intent kr:example\n<!-- @intent kr:example2 -->\n```\n`<!-- @intent kr:inline -->`', ['intent:kr:a']],
      ['a.tex', '% @intent kr:a\n100\\% @intent kr:no', ['intent:kr:a']],
      ['a.erl', '% @intent kr:a', ['intent:kr:a']],
      ['a.ps1', '<# @intent kr:block #>\n# @intent kr:line', ['intent:kr:block', 'intent:kr:line']],
      ['a.css', '/* @intent kr:a */ a { content: "/* @intent kr:no */" }', ['intent:kr:a']],
      ['a.rs', '/// @intent kr:doc\nfn f<\'a>(x: &\'a str) -> char { let s = r#"// @intent kr:no"#; \'"\' } // @intent kr:after', ['intent:kr:doc', 'intent:kr:after']],
      ['a.cs', 'var s = @"c:\\path\\"; // @intent kr:a', ['intent:kr:a']],
      ['Makefile', 'all: # @intent kr:a', ['intent:kr:a']],
      ['Dockerfile', '# @intent kr:a\nRUN echo', ['intent:kr:a']],
    ];
    for (const [file, text, expected] of cases) {
      it(`${file}: ${JSON.stringify(text).slice(0, 60)}`, () => {
        const scan = scanTags(text, file);
        assert.deepEqual(summary(scan), expected);
        assert.deepEqual(scan.malformed, []);
      });
    }

    it('does not scan unknown file types', () => {
      assert.equal(languageForPath('a.bin'), undefined);
      assert.equal(languageForPath('LICENSE'), undefined);
      assert.deepEqual(scanTags('// @intent kr:a', 'a.bin'), { tags: [], malformed: [], markers: [] });
    });

    it('knows files by basename and extension case-insensitively', () => {
      assert.equal(languageForPath('src/Makefile')?.id, 'makefile');
      assert.equal(languageForPath('Dockerfile.prod')?.id, 'dockerfile');
      assert.equal(languageForPath('A.TS')?.id, 'javascript');
    });
  });

  describe('strings and code hide tags', () => {
    it('ignores tags in single, double and template strings, including nested templates', () => {
      const text = [
        "const a = '// @intent kr:no1';",
        'const b = "/* @intent kr:no2 */";',
        'const c = `',
        '  // @intent kr:no3 ${x ? `inner` : \'y\'} /* @intent kr:no4 */',
        '`; // @intent kr:yes1',
        'const d = `${ { a: 1 }.a }` /* @intent kr:yes2 */',
        'const e = "escaped \\" // @intent kr:no5"; // @intent kr:yes3',
        'email(a@intent.com) // @intent kr:yes4',
      ].join('\n');
      assert.deepEqual(summary(scanTags(text, 'a.ts')), ['intent:kr:yes1', 'intent:kr:yes2', 'intent:kr:yes3', 'intent:kr:yes4']);
    });

    it('ignores tags in Go raw strings and Python strings', () => {
      assert.deepEqual(summary(scanTags('s := `\n// @intent kr:no\n` // @intent kr:yes', 'a.go')), ['intent:kr:yes']);
      assert.deepEqual(summary(scanTags('s = "# @intent kr:no"  # @intent kr:yes', 'a.py')), ['intent:kr:yes']);
    });

    it('ends an unterminated single-line string at the end of its line', () => {
      assert.deepEqual(summary(scanTags('const s = "oops\n// @intent kr:yes', 'a.ts')), ['intent:kr:yes']);
    });
  });

  describe('IDs, notes and ranges', () => {
    it('reads several IDs separated by commas and/or spaces, and the note', () => {
      const text = '// @intent kr:cycle-time, problem:availability-search obj:x/y.z -- filters by availability first';
      const scan = scanTags(text, 'a.ts');
      assert.deepEqual(summary(scan), ['intent:kr:cycle-time,problem:availability-search,obj:x/y.z|filters by availability first']);
      const tag = scan.tags[0];
      assert.deepEqual(tag.range, r(0, 3, 0, text.length));
      assert.deepEqual(tag.ids.map((i) => textAt(text, i.range)), ['kr:cycle-time', 'problem:availability-search', 'obj:x/y.z']);
      assert.deepEqual(tag.ids[0].range, r(0, 11, 0, 24));
    });

    it('accepts an em dash as the note separator and treats a trailing period as punctuation', () => {
      assert.deepEqual(summary(scanTags('# @debt kr:a. \u2014 slow', 'a.py')), ['debt:kr:a|slow']);
      assert.deepEqual(summary(scanTags('# See @intent kr:a.', 'a.py')), ['intent:kr:a']);
    });

    it('ends a tag at the block comment end', () => {
      const text = '/* @intent kr:a -- note */ code(); /* @debt kr:b */';
      const scan = scanTags(text, 'a.c');
      assert.deepEqual(summary(scan), ['intent:kr:a|note', 'debt:kr:b']);
      assert.equal(textAt(text, scan.tags[0].range), '@intent kr:a -- note');
      assert.equal(textAt(text, scan.tags[1].range), '@debt kr:b');
    });

    it('counts positions in UTF-16 code units on the right line, with CRLF', () => {
      const text = 'const s = "é😀";\r\n  // 😀 @intent kr:a\r\n';
      const tag = scanTags(text, 'a.ts').tags[0];
      assert.deepEqual(tag.ids[0].range, r(1, 16, 1, 20));
      assert.deepEqual(tag.range, r(1, 8, 1, 20));
    });

    it('accepts tags right after the comment opener, and two tags on one line', () => {
      assert.deepEqual(summary(scanTags('//@intent kr:a\n/**@debt kr:b*/\n///@intent kr:c', 'a.ts')), ['intent:kr:a', 'debt:kr:b', 'intent:kr:c']);
      assert.deepEqual(summary(scanTags('// @intent kr:a @debt debt:b -- why', 'a.ts')), ['intent:kr:a', 'debt:debt:b|why']);
    });

    it('exports its directives and default markers', () => {
      assert.deepEqual([...TAG_DIRECTIVES], ['@intent-file', '@intent', '@debt']);
      assert.deepEqual([...DEFAULT_MARKERS], ['TODO', 'FIXME', 'HACK']);
    });
  });

  describe('malformed tags', () => {
    const bad = (text: string, file = 'a.ts') => scanTags(text, file).malformed.map((m) => ({ message: m.message, text: textAt(text, m.range), range: m.range }));

    it('reports a tag with no ID at the directive', () => {
      const [m] = bad('// @intent');
      assert.match(m.message, /@intent needs at least one ID/);
      assert.deepEqual(m.range, r(0, 3, 0, 10));
      assert.match(bad('// @debt -- because')[0].message, /@debt needs at least one ID/);
    });

    it('reports an invalid ID at the ID and keeps the valid ones', () => {
      const text = '// @intent 42abc, kr:ok';
      const scan = scanTags(text, 'a.ts');
      assert.deepEqual(summary(scan), ['intent:kr:ok']);
      assert.equal(scan.malformed.length, 1);
      assert.match(scan.malformed[0].message, /Invalid ID '42abc'/);
      assert.equal(textAt(text, scan.malformed[0].range), '42abc');
      assert.deepEqual(scan.malformed[0].range, r(0, 11, 0, 16));
    });

    it('reports free text that should have been a note', () => {
      const [m] = bad('// @intent kr:a (see the doc)');
      assert.match(m.message, /Invalid ID '\(see'.*' -- '/);
    });

    it('reports unknown directives that look like ours, with a suggestion', () => {
      const got = bad('// @intnet kr:a\n// @intent-fle obj:x\n// @intents kr:b\n// @debts debt:c\n// @Intent kr:d');
      assert.deepEqual(got.map((m) => [m.text, m.message]), [
        ['@intnet', "Unknown tag '@intnet': did you mean '@intent'?"],
        ['@intent-fle', "Unknown tag '@intent-fle': did you mean '@intent-file'?"],
        ['@intents', "Unknown tag '@intents': did you mean '@intent'?"],
        ['@debts', "Unknown tag '@debts': did you mean '@debt'?"],
        ['@Intent', "Unknown tag '@Intent': did you mean '@intent'?"],
      ]);
      assert.deepEqual(got[0].range, r(0, 3, 0, 10));
    });

    it('reports a dangling comma at the comma, keeping the tag', () => {
      const text = '// @intent kr:a, kr:b,';
      const scan = scanTags(text, 'a.ts');
      assert.deepEqual(summary(scan), ['intent:kr:a,kr:b']);
      assert.equal(scan.malformed.length, 1);
      assert.match(scan.malformed[0].message, /Dangling comma/);
      assert.deepEqual(scan.malformed[0].range, r(0, 21, 0, 22));
    });

    it('reports a colon after the directive', () => {
      assert.match(bad('// @intent: kr:a')[0].message, /without a colon/);
    });

    it('does not flag prose, emails, JSDoc and other @words', () => {
      const text = [
        '/**',
        ' * Contact a@intent.com or bob@debt.io. This is @intentional and @intentionally vague.',
        ' * {@link Intent} @param x the x @returns y @deprecated @internal @event @indent @content',
        ' * @Injectable() @intent.com @debt/ x@intent',
        ' */',
        '// ask @deb, @dept, @bet, @int and @in about it',
      ].join('\n');
      const scan = scanTags(text, 'a.ts');
      assert.deepEqual(scan.malformed, []);
      assert.deepEqual(scan.tags, []);
    });
  });

  describe('markers', () => {
    it('finds TODO/FIXME/HACK in comments with the rest of the line as text', () => {
      const text = [
        '// TODO: cache this',
        'x(); // FIXME(alice): off by one',
        '/* HACK */',
        '# not python here',
        'const s = "TODO: not in strings";',
        '// see the TODO list in prose',
        '// TODOS and XTODO are not markers',
        '  * TODO - second line of a block',
      ].join('\n');
      const scan = scanTags(text, 'a.ts');
      assert.deepEqual(scan.markers.map((m) => [m.marker, m.text, m.range.start.line]), [
        ['TODO', 'cache this', 0],
        ['FIXME', 'off by one', 1],
        ['HACK', '', 2],
      ]);
      assert.deepEqual(scan.markers[1].range, r(1, 8, 1, 32));
    });

    it('uses the configured marker list', () => {
      const text = '// XXX: odd\n// TODO: later';
      assert.deepEqual(scanTags(text, 'a.ts', { markers: ['XXX'] }).markers.map((m) => m.marker), ['XXX']);
      assert.deepEqual(scanTags(text, 'a.ts', { markers: [] }).markers, []);
    });
  });

  describe('robustness', () => {
    const within = (text: string, range: Range): boolean => {
      const lines = text.split('\n');
      const ok = (l: number, c: number) => l >= 0 && l < lines.length && c >= 0 && c <= lines[l].length;
      return ok(range.start.line, range.start.character) && ok(range.end.line, range.end.character);
    };
    const allRanges = (scan: TagScan): Range[] => [
      ...scan.tags.flatMap((t) => [t.range, ...t.ids.map((i) => i.range)]),
      ...scan.malformed.map((m) => m.range),
      ...scan.markers.map((m) => m.range),
    ];
    const files = ['a.ts', 'a.py', 'a.rs', 'a.go', 'a.html', 'a.lua', 'a.sh', 'a.cs', 'README.md', 'a.sql'];
    const pieces = ['// ', '/*', '*/', '#', '"""', "'''", '"', "'", '`', '${', '}', '{', '\n', '\r\n', '@intent ', '@intent-file', '@debt', 'kr:a', ', ', ' -- ', 'TODO', '<!--', '-->', '<script>', '</script>', 'r#"', '"#', '--[[', ']]', 'é', '😀', '\\', ' ', 'x'];

    it('never throws and keeps every range inside the text (random text)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...files), (text, file) => {
          const scan = scanTags(text, file);
          for (const range of allRanges(scan)) assert.ok(within(text, range), JSON.stringify(range));
        }),
        { numRuns: 400 },
      );
    });

    it('never throws and keeps every range inside the text (mutated syntax)', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), fc.constantFrom(...files), (parts, file) => {
          const text = parts.join('');
          const scan = scanTags(text, file);
          for (const range of allRanges(scan)) assert.ok(within(text, range), JSON.stringify(range));
          for (const t of scan.tags) for (const id of t.ids) assert.equal(textAt(text, id.range), id.id);
        }),
        { numRuns: 600 },
      );
    });

    it('handles a 1 MB single line, binary garbage and unterminated comments', () => {
      const line = ('x = "a"; /* b */ // c @intent kr:a TODO: z ').repeat(25_000);
      assert.ok(scanTags(line, 'a.ts').tags.length > 0);
      const bytes = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
      scanTags(bytes, 'a.ts');
      assert.deepEqual(summary(scanTags('/* @intent kr:a\n never closed', 'a.ts')), ['intent:kr:a']);
      assert.deepEqual(summary(scanTags('"""@intent kr:a', 'a.py')), ['intent:kr:a']);
      const many = '/*'.repeat(100_000) + '@intent kr:z';
      scanTags(many, 'a.ts');
    });
  });
});
