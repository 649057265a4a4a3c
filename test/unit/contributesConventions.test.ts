// The conventions of package.json `contributes` a first-time user meets: every palette command has a `when`,
// Refresh shows once, views have icons, settings have scope and order, keybindings and menus name real
// commands, the walkthrough's media ship, every welcome/walkthrough string exists in English and French, and
// the Marketplace fields (icon, categories, keywords) are there — with no invented repository URL.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommandId } from '../../src/vscode/ids';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;
const commands = new Set<string>(Object.values(CommandId));

describe('package.json conventions', () => {
  it('gives every command a palette entry with a when clause (hidden ones say false)', () => {
    const palette = new Map<string, string>(c.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]));
    for (const id of commands) assert.ok(typeof palette.get(id) === 'string' && palette.get(id)!.length > 0, `${id} has no when clause in the palette`);
  });

  it('shows Refresh on one view only, and names "Create intent.yaml" one way', () => {
    const refresh = c.menus['view/title'].filter((m: { command: string }) => m.command === CommandId.refresh);
    assert.equal(refresh.length, 1);
    assert.match(refresh[0].when, /^view == intentLens\.objectives\b/);
    const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    assert.equal(nls['command.createManifest'], 'Create intent.yaml');
    for (const [key, text] of Object.entries<string>(nls)) assert.doesNotMatch(text, /Create Manifest/, key);
  });

  it('binds keys and the editor context menu to Link Symbol and Tag Tech Debt, with when clauses', () => {
    const keyed = c.keybindings.map((k: { command: string; when: string; key: string }) => {
      assert.ok(commands.has(k.command) && k.when && k.key);
      return k.command;
    });
    assert.deepEqual(keyed.sort(), [CommandId.linkSymbol, CommandId.tagDebt].sort());
    assert.deepEqual(c.menus['editor/context'].map((m: { command: string }) => m.command).sort(), [CommandId.linkSymbol, CommandId.tagDebt].sort());
    const inline = c.menus['view/item/context'].filter((m: { group: string }) => m.group.startsWith('inline')).map((m: { command: string }) => m.command);
    for (const id of [CommandId.goToManifestEntry, CommandId.triageTodo, CommandId.openChange]) assert.ok(inline.includes(id), `${id} is not an inline row action`);
  });

  it('gives every view an icon and a contextual title', () => {
    for (const v of c.views.intent) {
      assert.match(v.icon, /^\$\([a-z-]+\)$/, v.id);
      assert.equal(v.contextualTitle, '%viewContainer.intent%');
    }
  });

  it('gives every setting a scope and a distinct order', () => {
    const orders = Object.entries<any>(c.configuration.properties).map(([key, s]) => {
      assert.ok(['resource', 'window', 'application', 'machine', 'machine-overridable', 'language-overridable'].includes(s.scope), `${key} scope`);
      assert.equal(typeof s.order, 'number', `${key} order`);
      return s.order;
    });
    assert.equal(new Set(orders).size, orders.length);
  });

  it('ships the walkthrough media and the Marketplace icon, with categories and keywords, and invents no repository', () => {
    const [walkthrough] = c.walkthroughs;
    assert.equal(walkthrough.steps.length, 5);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(path.join(root, step.media.image)), `${step.id}: ${step.media.image} missing`);
      assert.ok(step.completionEvents.length > 0);
    }
    const png = readFileSync(path.join(root, pkg.icon));
    assert.equal(png.readUInt32BE(0), 0x89504e47, 'the icon is a PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'the icon is at least 128×128');
    assert.ok(pkg.categories.length >= 2 && pkg.keywords.length >= 5);
    assert.equal(pkg.repository, undefined, 'repository comes only from INTENT_LENS_REPOSITORY at packaging time');
  });

  it('has README images that resolve to files shipped in the VSIX', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const allow = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3);
    assert.match(readme.split('\n').slice(0, 10).join('\n'), /!\[/, 'a screenshot near the top');
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image}: absolute URLs come only from vsce's packaging-time options`);
      assert.ok(existsSync(path.join(root, image)), `${image} missing`);
      assert.ok(allow.includes(image) || allow.some((a) => a.endsWith('/**') && image.startsWith(a.slice(0, -2))), `${image} is not shipped in the VSIX`);
    }
    assert.match(readme, /## The two commands/);
  });
});
