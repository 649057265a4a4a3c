// Precision on code not written for us: real-world doc tags, decorators, e-mails and @mentions give no
// finding through `check`, while real tags and real typos of a directive are still found.
import { strict as assert } from 'node:assert';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { languageForPath } from '../../src/core/tags/languages';
import { scanTags } from '../../src/core/tags/tagScanner';
import { starterManifest } from '../../src/core/views/manifestText';

const CORPUS = join(__dirname, '..', 'fixtures', 'annotations');

interface CheckJson {
  findings: { code: string; message: string; file: string; line: number }[];
  summary: { total: number; skipped: Record<string, number> };
}

async function checkJson(root: string): Promise<CheckJson> {
  const out: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: () => undefined, cwd: root, version: '0.0.0' };
  await main(['check', root, '--format', 'json', '--fail-on', 'never'], io);
  return JSON.parse(out.join('\n')) as CheckJson;
}

/** A comment holding `body` in the file's own syntax, on a line of its own. */
function commentLine(file: string, body: string): string {
  const syntax = languageForPath(file)!;
  if (syntax.line.length > 0) return `\n${syntax.line[0]} ${body}\n`;
  const block = syntax.block[0];
  return `\n${block.open} ${body} ${block.close}\n`;
}

describe('annotation corpus: no findings on code not written for us', () => {
  let dir: string;
  const files = readdirSync(CORPUS).sort();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'intent-annotations-'));
    cpSync(CORPUS, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('covers the languages and doc-comment styles it claims to', () => {
    assert.ok(files.length >= 30, files.join(', '));
    for (const f of files) assert.ok(languageForPath(f), `${f} is a file type the scanner reads`);
    const all = files.map((f) => readFileSync(join(CORPUS, f), 'utf8')).join('\n');
    for (const word of ['@constructor', '@Inject', '@inject', '@insert', '@internal', '@interface', '@intentional', '@Intent ', '@intents', '@toString', 'a@intent.', '@octocat', '@intent = ', '`// @intent kr:example-kr`']) {
      assert.ok(all.includes(word), `the corpus holds ${word}`);
    }
  });

  it('check with no manifest reports nothing and reads every file', async () => {
    const result = await checkJson(dir);
    assert.deepEqual(result.findings, []);
    assert.equal(result.summary.total, 0);
    assert.equal(result.summary.skipped.unsupported, 0, 'every corpus file is of a scanned type');
  });

  it('still reports a real typo of a directive added to any corpus file (control)', async () => {
    for (const f of files) appendFileSync(join(dir, f), commentLine(f, '@intnet kr:control'));
    const result = await checkJson(dir);
    assert.deepEqual(
      result.findings.map((x) => `${x.file} ${x.code} ${x.message}`),
      files.map((f) => `${f} IL012 Unknown tag '@intnet': did you mean '@intent'?`),
    );
  });

  it('still finds a real tag added to any corpus file, and only that one (control)', () => {
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'utf8') + commentLine(f, '@intent kr:control -- added');
      const scan = scanTags(text, f);
      assert.deepEqual(scan.tags.map((t) => t.ids.map((i) => i.id).join()), ['kr:control'], f);
      assert.deepEqual(scan.malformed, [], f);
    }
  });
});

describe('tag grammar: typos need a typed ID, directives are exact words', () => {
  const malformed = (text: string, file = 'a.ts') => scanTags(text, file).malformed.map((m) => m.message);
  const ids = (text: string, file = 'a.ts') => scanTags(text, file).tags.map((t) => t.ids.map((i) => i.id).join());

  it('reports a close misspelling followed by a typed ID', () => {
    assert.deepEqual(malformed('// @intnet kr:x'), ["Unknown tag '@intnet': did you mean '@intent'?"]);
    assert.deepEqual(malformed('// @Intent obj:a, kr:b'), ["Unknown tag '@Intent': did you mean '@intent'?"]);
    assert.deepEqual(malformed('# @debts debt:n-plus-one.', 'a.py'), ["Unknown tag '@debts': did you mean '@debt'?"]);
    assert.deepEqual(malformed('/* @intentfile obj:x */'), ["Unknown tag '@intentfile': did you mean '@intent-file'?"]);
  });

  it('does not report a misspelling without a typed ID after it, or a word further away', () => {
    for (const text of [
      '// @intnet', '// @Intent Foo', '// annotated with @Inject', '// @insert WebServiceRef injection', '// @Inject kr:x',
      '// @insert kr:x', '// @internal kr:x', '// @interface kr:x', '// @intentional kr:x', '// @indent kr:x', '// @intnet http://x',
      '// @intnet kr:', '// @intnet :x',
    ]) {
      assert.deepEqual(malformed(text), [], text);
    }
  });

  it('never takes an Object.prototype key for a directive', () => {
    for (const w of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      const text = `/**\n * @${w}\n * @${w} kr:x\n */`;
      assert.deepEqual(scanTags(text, 'a.js'), { tags: [], malformed: [], markers: [] }, w);
    }
  });

  it('reads exact directives, and reports their mistakes, as before', () => {
    assert.deepEqual(ids('// @intent kr:a, kr:b -- why'), ['kr:a,kr:b']);
    assert.match(malformed('// @intent')[0], /@intent needs at least one ID/);
    assert.match(malformed('// @intent: kr:a')[0], /without a colon/);
    assert.match(malformed('// @debt 42')[0], /Invalid ID '42'/);
  });

  it('ends the IDs at a note separator before the next directive, and only there', () => {
    const read = (text: string) => scanTags(text, 'a.ts').tags.map((t) => `${t.kind}:${t.ids.map((i) => i.id).join()}|${t.note ?? ''}`);
    assert.deepEqual(read('// @intent kr:a @debt debt:b -- why'), ['intent:kr:a|', 'debt:debt:b|why']);
    assert.deepEqual(read('// @intent kr:a -- why @debt debt:b'), ['intent:kr:a|why @debt debt:b']);
    assert.deepEqual(read('// @intent kr:a,@debt debt:b'), ['intent:kr:a|'], 'a directive glued to a comma ends the IDs but is no tag');
    assert.deepEqual(read('// @intent kr:a x@y -- note'), ['intent:kr:a|note']);
  });

  it('ignores commented-out code that uses a variable named like a directive', () => {
    for (const text of ['# @intent = Intent.find(id)', '# @debt ||= Debt.new', '# @intent == nil', '# @intent += 1', '# @intent (x)']) {
      assert.deepEqual(scanTags(text, 'a.rb'), { tags: [], malformed: [], markers: [] }, text);
    }
  });
});

describe('tag grammar: a tag quoted in a code span is prose', () => {
  it('reads nothing from the starter manifest that Create intent.yaml writes', () => {
    const text = starterManifest('Casting Hub');
    assert.ok(text.includes('`// @intent kr:example-kr` above a function'), 'the starter still shows the syntax in backticks');
    assert.deepEqual(scanTags(text, 'intent.yaml'), { tags: [], malformed: [], markers: [] });
  });

  it('skips quoted tags and typos but reads a tag after the closing backtick', () => {
    const scan = scanTags('// use `@intent kr:a` or `@intnet kr:b`; @intent kr:c', 'a.ts');
    assert.deepEqual(scan.tags.map((t) => t.ids.map((i) => i.id).join()), ['kr:c']);
    assert.deepEqual(scan.malformed, []);
    assert.deepEqual(scanTags('// `@intent: kr:a`', 'a.ts').malformed, []);
  });

  it('skips tags in a code fence of a block comment (a JSDoc or docstring example), and reads them after it', () => {
    const text = ['/**', ' * Example:', ' * ```ts', ' * // @intent kr:example', ' * ```', ' * @intent kr:real', ' */'].join('\n');
    assert.deepEqual(scanTags(text, 'a.ts').tags.map((t) => t.ids[0].id), ['kr:real']);
    const doc = ['def f():', '    """Use it like this:', '', '    ~~~', '    # @debt debt:example', '    ~~~', '    """'].join('\n');
    assert.deepEqual(scanTags(doc, 'a.py'), { tags: [], malformed: [], markers: [] });
    assert.deepEqual(scanTags('/* ``` @intent kr:one-line */', 'a.ts').tags.length, 1, 'a one-line comment opens no fence');
  });

  it('reads a tag after an unmatched backtick (no code span)', () => {
    assert.deepEqual(scanTags('// a ` tick, then @intent kr:a', 'a.ts').tags.map((t) => t.ids[0].id), ['kr:a']);
    assert.deepEqual(scanTags('// `x` then @intent kr:a', 'a.ts').tags.map((t) => t.ids[0].id), ['kr:a']);
  });
});
