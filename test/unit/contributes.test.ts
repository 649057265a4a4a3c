// package.json `contributes` must match the code's typed ids and setting defaults, both ways, and every
// user-facing string must exist in English and French. A mismatch here is a command that does nothing or a
// setting the code never reads.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CommandId, ConfigSection, ViewContainerId, ViewId } from '../../src/vscode/ids';
import { readSettings, settingDefaults } from '../../src/vscode/settings';

const root = path.resolve(__dirname, '../..');
const readJson = (file: string): any => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const pkg = readJson('package.json');
const contributes = pkg.contributes ?? {};
const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('package.json contributes', () => {
  it('contributes exactly the command ids of src/vscode/ids.ts', () => {
    const contributed: string[] = (contributes.commands ?? []).map((c: { command: string }) => c.command);
    assert.deepEqual(sorted(contributed), sorted(Object.values(CommandId)));
    assert.equal(new Set(contributed).size, contributed.length, 'a command is contributed twice');
  });

  it('gives every command a title and the Intent Lens category', () => {
    for (const c of contributes.commands) {
      assert.match(c.title, /^%.+%$/, `${c.command} title must be localised`);
      assert.equal(c.category, '%category%', `${c.command} category`);
    }
  });

  it('contributes exactly the views of src/vscode/ids.ts, in the Intent container', () => {
    const containers = contributes.viewsContainers?.activitybar ?? [];
    assert.deepEqual(containers.map((c: { id: string }) => c.id), [ViewContainerId]);
    assert.deepEqual(Object.keys(contributes.views ?? {}), [ViewContainerId]);
    const views: string[] = contributes.views[ViewContainerId].map((v: { id: string }) => v.id);
    assert.deepEqual(sorted(views), sorted(Object.values(ViewId)));
  });

  it('ships the container icon it names', () => {
    for (const c of contributes.viewsContainers.activitybar) {
      assert.match(readFileSync(path.join(root, c.icon), 'utf8'), /<svg[\s>]/);
    }
  });

  it('names only contributed commands and views in menus and welcome content', () => {
    const commands = new Set<string>(Object.values(CommandId));
    for (const items of Object.values<any[]>(contributes.menus ?? {})) {
      for (const item of items) assert.ok(commands.has(item.command), `menu names unknown command ${item.command}`);
    }
    const views = new Set<string>(Object.values(ViewId));
    for (const w of contributes.viewsWelcome ?? []) assert.ok(views.has(w.view), `welcome for unknown view ${w.view}`);
  });

  it('contributes exactly the settings of src/vscode/settings.ts, with the same defaults', () => {
    const properties = contributes.configuration?.properties ?? {};
    const expected = Object.fromEntries(Object.entries(settingDefaults).map(([k, v]) => [`${ConfigSection}.${k}`, v]));
    const actual = Object.fromEntries(Object.entries<any>(properties).map(([k, v]) => [k, v.default]));
    assert.deepEqual(actual, expected);
    for (const [key, schema] of Object.entries<any>(properties)) {
      const value = expected[key];
      assert.equal(schema.type, Array.isArray(value) ? 'array' : typeof value, `${key} type`);
    }
  });

  it('activates on a workspace that contains an intent.yaml', () => {
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/intent.yaml'));
  });
});

describe('readSettings', () => {
  const config = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T });

  it('returns the defaults when nothing is set', () => {
    assert.deepEqual(readSettings(config({})), settingDefaults);
  });

  it('keeps a value of the right type and replaces one of the wrong type by the default', () => {
    assert.equal(readSettings(config({ 'codeLens.enabled': false }))['codeLens.enabled'], false);
    assert.equal(readSettings(config({ 'codeLens.enabled': 'no' }))['codeLens.enabled'], true);
  });
});

describe('localisation', () => {
  const nls = readJson('package.nls.json');
  const nlsFr = readJson('package.nls.fr.json');

  it('defines every %key% of package.json in English', () => {
    const keys = new Set([...JSON.stringify(pkg).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
    for (const key of keys) assert.ok(typeof nls[key] === 'string', `package.nls.json lacks ${key}`);
  });

  it('translates package.nls.json into French, key for key', () => {
    assert.deepEqual(sorted(Object.keys(nlsFr)), sorted(Object.keys(nls)));
  });

  it('translates every vscode.l10n.t string of src/vscode into French', () => {
    const bundle = readJson('l10n/bundle.l10n.fr.json');
    const dir = path.join(root, 'src/vscode');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const literal = /l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g;
    let count = 0;
    for (const file of files) {
      for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(literal)) {
        const message = m[2].replace(/\\(.)/g, '$1');
        count++;
        assert.ok(typeof bundle[message] === 'string', `l10n/bundle.l10n.fr.json lacks "${message}" (${file})`);
      }
    }
    assert.ok(count > 0, 'found no vscode.l10n.t call: the pattern is out of date');
  });
});
