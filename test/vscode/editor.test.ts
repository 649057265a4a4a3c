// The editor features as users see them on the demo workspace: lenses, hovers, status bar, Problems panel,
// quick fixes, completion, definition, references and rename, including unsaved edits and a broken manifest.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

interface Api {
  settled(): Promise<void>;
  testing: Record<string, unknown>;
}

const REVEAL = 'intentLens.revealItem';
const IDS = /^(obj|kr|problem|constraint|debt):/;

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return folder.uri;
}
const file = (path: string) => vscode.Uri.joinPath(root(), path);
const rel = (uri: vscode.Uri) => uri.path.slice(root().path.replace(/\/$/, '').length + 1);

async function api(): Promise<Api> {
  const ext = intentLens();
  await waitFor('Intent Lens to activate', () => ext.isActive, 20_000);
  const a = ext.exports as Api;
  await a.settled();
  return a;
}

/** The editor's providers answer for loaded documents only ("Illegal argument" otherwise). */
async function load(uri: vscode.Uri): Promise<vscode.Uri> {
  await vscode.workspace.openTextDocument(uri);
  return uri;
}

async function lenses(uri: vscode.Uri): Promise<string[]> {
  await load(uri);
  const list = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return list.filter((l) => l.command?.command === REVEAL).map((l) => `${l.range.start.line}: ${l.command!.title}`);
}

async function hoverText(uri: vscode.Uri, line: number, character: number): Promise<string[]> {
  await load(uri);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).filter((v) => v.includes('`'));
}

function ourDiagnostics(uri?: vscode.Uri): string[] {
  const entries: [vscode.Uri, readonly vscode.Diagnostic[]][] = uri ? [[uri, vscode.languages.getDiagnostics(uri)]] : vscode.languages.getDiagnostics();
  const out: string[] = [];
  for (const [u, diags] of entries) {
    for (const d of diags) {
      if (d.source !== 'Intent Lens') continue;
      out.push(`${d.code} ${vscode.DiagnosticSeverity[d.severity]} ${rel(u)} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
    }
  }
  return out.sort();
}

/** Quick fixes (diagnostics do not survive the command's round trip; the demo has no TypeScript errors). */
const isQuickFix = (a: vscode.CodeAction) => a.kind?.value === vscode.CodeActionKind.QuickFix.value;

async function open(path: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file(path));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Undo until the document is back to its saved text (bounded). */
async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  for (let i = 0; i < 10 && editor.document.isDirty; i++) await vscode.commands.executeCommand('undo');
  assert.equal(editor.document.isDirty, false, `${rel(editor.document.uri)} is still dirty`);
}

describe('editor features', function () {
  this.timeout(60_000);
  let intent: Api;

  before(async () => {
    intent = await api();
    await waitFor('the demo findings in the Problems panel', () => ourDiagnostics().length >= 15, 20_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows every finding of EXPECTED-FINDINGS.md in the Problems panel, and nothing else', () => {
    assert.deepEqual(ourDiagnostics(), [
      'IL001 Error packages/legacy/intent.yaml 22:5',
      'IL002 Error intent.yaml 223:5',
      'IL003 Error intent.yaml 152:9',
      'IL003 Error packages/billing/intent.yaml 34:9',
      'IL004 Error intent.yaml 196:13',
      'IL005 Warning intent.yaml 171:9',
      'IL010 Error src/talent/talentRepository.ts 23:14',
      'IL011 Warning src/bookings/bookingService.ts 17:12',
      'IL011 Warning src/bookings/bookingService.ts 33:14',
      'IL011 Warning src/notifications/sms.ts 7:12',
      'IL012 Warning src/talent/submissions.ts 36:4',
      'IL012 Warning worker/calendar_import.py 35:11',
      'IL020 Information intent.yaml 65:13',
      'IL021 Information intent.yaml 104:9',
      'IL022 Information intent.yaml 202:9',
    ].sort());
    const [il010] = vscode.languages.getDiagnostics(file('src/talent/talentRepository.ts'));
    assert.equal(il010.message, "unknown ID 'kr:availabilty-coverage' (did you mean 'kr:availability-coverage'?)");
    assert.deepEqual([il010.range.end.line, il010.range.end.character], [22, 36]);
    const dup = vscode.languages.getDiagnostics(file('intent.yaml')).find((d) => d.code === 'IL003')!;
    assert.deepEqual(dup.relatedInformation?.map((r) => `${rel(r.location.uri)} ${r.location.range.start.line + 1}:${r.location.range.start.character + 1} ${r.message}`), [
      "packages/billing/intent.yaml 34:9 'constraint:no-pii-in-logs' is also declared here",
    ]);
  });

  it('puts one aggregated lens on each symbol with intent and one on the file', async () => {
    await intent.settled();
    const uri = file('src/search/searchService.ts');
    await open('src/search/searchService.ts');
    assert.deepEqual(await waitFor('lenses', async () => ((await lenses(uri)).length >= 2 ? lenses(uri) : undefined)), [
      '0: ◎ Cut casting turnaround · Median casting cycle from 7 to 3 days 50% · +1 more · ⚠ 2 constraints',
      '29: ◎ Availability search answers in under 30… · Casting directors cannot filter talent…',
    ]);
    assert.deepEqual(await lenses(file('src/bookings/bookingService.ts')), [
      '0: ⚠ No personal data in logs',
      '17: ◎ Let productions book talent online (retired)',
      '24: ◎ Median casting cycle from 7 to 3 days 50%',
      '33: ◎ 90 % of bookings made online instead of… 100% (retired)',
    ]);
    // Titles, never the IDs the tag above already shows.
    for (const l of await lenses(file('src/bookings/bookingService.ts'))) assert.doesNotMatch(l, /(obj|kr|problem):/);
    // A file with constraints only (no file tag, no scope) gets their title.
    assert.deepEqual(await lenses(file('src/db/pool.ts')), ['0: ⚠ No personal data in logs · +1 more']);
  });

  it('gives Python files lenses through the tree-sitter fallback', async () => {
    assert.deepEqual(await lenses(file('worker/availability_sync.py')), [
      '0: ◎ 80 % of active talent with availability… 38% · Availability shown in search is out of… · ⚠ 2 constraints',
      '21: ◎ 80 % of active talent with availability… 38%',
      '34: $(flame) Calendar sync polls every agency every… · medium impact',
    ]);
  });

  it('reveals the item in the manifest when a lens is clicked', async () => {
    const booking = await load(file('src/bookings/bookingService.ts'));
    const [lens] = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', booking)) ?? [])
      .filter((l) => l.command?.command === REVEAL && l.range.start.line === 24);
    assert.deepEqual(lens.command!.arguments?.[0]?.ids, ['kr:cycle-time']);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(REVEAL, ...lens.command!.arguments!);
    assert.equal(rel(editor.document.uri), 'intent.yaml');
    assert.equal(editor.document.getText(editor.selection), 'kr:cycle-time');
    assert.equal(editor.selection.start.line, 38);
  });

  it('turns lenses off with intentLens.codeLens.enabled', async () => {
    const config = vscode.workspace.getConfiguration('intentLens');
    await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(await lenses(file('src/search/searchService.ts')), []);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal((await lenses(file('src/search/searchService.ts'))).length, 2);
  });

  it('hovers an ID in a tag with the whole item and how it links there', async () => {
    const [md] = await hoverText(file('src/search/ranking.ts'), 10, 14);
    assert.equal(md, [
      '**Median casting cycle from 7 to 3 days**',
      'Key result `kr:cycle-time` · Status: active',
      '**Owner:** Casting squad',
      '**Objective:** `obj:faster-casting`',
      '**Metric:** `casting_cycle_days_p50`',
      '**Progress:** 7 → 5 → 3 days `▰▰▰▰▰▱▱▱▱▱` 50%',
      'From the brief being published to the shortlist being sent to the producer.',
      '*Declared in intent.yaml:39*',
      '**Linked here:** ',
      '- tagged here \\(line 11\\)\n- via scope src/search/\\*\\* \\(intent.yaml\\)',
    ].join('\n\n'));
  });

  it('hovers an ID in a manifest: persona, evidence links (http only), constraint kind', async () => {
    const at = async (needle: string, delta = 2) => {
      const doc = await vscode.workspace.openTextDocument(file('intent.yaml'));
      const offset = doc.getText().indexOf(needle);
      assert.ok(offset >= 0, needle);
      return doc.positionAt(offset + delta);
    };
    const hover = async (p: vscode.Position) => hoverText(file('intent.yaml'), p.line, p.character);
    const [problem] = await hover(await at('problem:availability-search\n'));
    assert.match(problem, /^\*\*Casting directors cannot filter talent by availability\*\*\n\nProblem `problem:availability-search`/);
    assert.match(problem, /\*\*Persona:\*\* casting director/);
    assert.match(problem, /- \[https:\/\/research\.example\.org\/casting-hub\/interviews-2026-10\]\(https:\/\/research\.example\.org\/casting-hub\/interviews-2026-10\)/);
    assert.match(problem, /- Interviews, Oct 2026: 9 of 12 directors phone agents just to ask who is free/);
    const [constraint] = await hover(await at('constraint:gdpr-retention\n'));
    assert.match(constraint, /\*\*Kind:\*\* compliance/);
    assert.match(constraint, /See the \[retention policy\]\(https:\/\/legal\.example\.org\/casting-hub\/retention\)\./);
    assert.match(constraint, /\*\*Applies to:\*\* `src\/talent\/\*\*`, `worker\/\*\*\/\*\.py`, `src\/legacy-export\/\*\*`/);
    const [debt] = await hover(await at('debt:n-plus-one\n'));
    assert.match(debt, /Cost: M · Impact: high/);
    assert.match(debt, /\*\*Tracker:\*\* CAST\\-412|\*\*Tracker:\*\* CAST-412/);
    // A reference in a list hovers the item it names.
    const [ref] = await hover(await at('[kr:cycle-time, kr:search', 4));
    assert.match(ref, /^\*\*Median casting cycle from 7 to 3 days\*\*/);
  });

  it('shows the current file\'s objectives and KRs in the status bar', async () => {
    await open('src/search/searchService.ts');
    const status = intent.testing.statusBar as { item: vscode.StatusBarItem };
    const text = await waitFor('the status bar item', () => (status.item.text.startsWith('◎') ? status.item.text : undefined));
    assert.equal(text, '◎ 1 objective · 2 KRs');
    const tooltip = (status.item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /`obj:faster-casting` Cut casting turnaround/);
    assert.match(tooltip, /`kr:search-latency-p95`/);
  });

  it('offers quick fixes with their edits', async () => {
    const talent = await load(file('src/talent/talentRepository.ts'));
    const il010 = vscode.languages.getDiagnostics(talent).find((d) => d.code === 'IL010')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', talent, il010.range)) ?? [];
    const ours = actions.filter((a) => isQuickFix(a));
    assert.deepEqual(ours.map((a) => a.title), ["Replace with 'kr:availability-coverage'", "Add 'kr:availabilty-coverage' to intent.yaml"]);
    const edits = (a: vscode.CodeAction) =>
      a.edit!.entries().flatMap(([u, es]) => es.map((e) => `${rel(u)} ${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${JSON.stringify(e.newText)}`));
    assert.deepEqual(edits(ours[0]), ['src/talent/talentRepository.ts 22:13-22:36 "kr:availability-coverage"']);
    assert.deepEqual(edits(ours[1]), ['intent.yaml 70:17-70:17 "\\n      - id: kr:availabilty-coverage\\n        title: TODO"']);

    const booking = await load(file('src/bookings/bookingService.ts'));
    const il011 = vscode.languages.getDiagnostics(booking).find((d) => d.range.start.line === 16)!;
    const fixes = ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', booking, il011.range)) ?? [])
      .filter((a) => isQuickFix(a));
    assert.deepEqual(fixes.map((a) => a.title), ["Point to successor 'obj:faster-casting'"]);
    assert.deepEqual(edits(fixes[0]), ['src/bookings/bookingService.ts 16:11-16:33 "obj:faster-casting"']);

    const manifest = await load(file('intent.yaml'));
    const il004 = vscode.languages.getDiagnostics(manifest).find((d) => d.code === 'IL004')!;
    const typo = ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', manifest, il004.range)) ?? [])
      .filter((a) => isQuickFix(a));
    assert.deepEqual(typo.map((a) => a.title), ["Replace with 'kr:cycle-time'"]);
  });

  it('completes IDs by ID and title after @intent in a comment and in manifest lists', async () => {
    const editor = await open('src/db/pool.ts');
    try {
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// @intent kr:cyc\nconst notATag = "@intent ";\n'));
      const uri = editor.document.uri;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(0, 17));
      const ours = list.items.filter((i) => IDS.test(typeof i.label === 'string' ? i.label : i.label.label));
      assert.equal(ours.length, 24, 'every distinct ID of the graph');
      const cycle = ours.find((i) => (i.label as vscode.CompletionItemLabel).label === 'kr:cycle-time')!;
      assert.equal((cycle.label as vscode.CompletionItemLabel).description, 'Median casting cycle from 7 to 3 days');
      assert.equal(cycle.filterText, 'kr:cycle-time Median casting cycle from 7 to 3 days');
      assert.deepEqual([(cycle.range as vscode.Range).start.character, (cycle.range as vscode.Range).end.character], [11, 17]);
      // Inside a string literal, not a comment: nothing of ours.
      const inString = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(1, 25));
      assert.equal(inString.items.filter((i) => IDS.test(typeof i.label === 'string' ? i.label : i.label.label)).length, 0);
    } finally {
      await revert(editor);
    }
    const manifest = await open('intent.yaml');
    try {
      // problems[0].keyResults: [kr:cycle-time, |  → key results only
      const line = 121;
      const at = manifest.document.lineAt(line).text.indexOf('kr:search');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', manifest.document.uri, new vscode.Position(line, at));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).filter((l) => IDS.test(l)).sort();
      assert.deepEqual(labels, [
        'kr:availability-coverage', 'kr:booking-phone-calls', 'kr:cycle-time', 'kr:invoice-disputes', 'kr:online-bookings',
        'kr:search-latency-p95', 'kr:shortlist-acceptance',
      ]);
    } finally {
      await revert(manifest);
    }
  });

  it('goes from a tag to the manifest entry', async () => {
    const [def] = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', await load(file('src/search/searchService.ts')), new vscode.Position(28, 14))) ?? [];
    assert.equal(rel(def.uri), 'intent.yaml');
    assert.deepEqual([def.range.start.line, def.range.start.character], [56, 12]);
  });

  it('finds every reference of an ID: tags, scopes and manifest lists', async () => {
    const refs = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', await load(file('intent.yaml')), new vscode.Position(38, 14))) ?? [];
    assert.deepEqual(refs.map((r) => `${rel(r.uri)}:${r.range.start.line + 1}:${r.range.start.character + 1}`), [
      'intent.yaml:39:13',
      'intent.yaml:86:23',
      'intent.yaml:95:23',
      'intent.yaml:122:18',
      'intent.yaml:131:44',
      'intent.yaml:138:18',
      'intent.yaml:146:18',
      'intent.yaml:180:13',
      'intent.yaml:212:43',
      'src/bookings/bookingService.ts:24:14',
      'src/notifications/email.ts:14:14',
      'src/notifications/notifier.ts:22:40',
      'src/search/ranking.ts:11:12',
      'src/talent/submissions.ts:19:43',
    ]);
  });

  it('renames an ID everywhere in one edit, and refuses invalid or taken IDs', async () => {
    const uri = await load(file('intent.yaml'));
    const at = new vscode.Position(139, 14); // - id: problem:missed-callbacks
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, 'problem:callback-misses');
    const entries = edit.entries().flatMap(([u, es]) => es.map((e) => `${rel(u)}:${e.range.start.line + 1}:${e.range.start.character + 1} ${e.newText}`)).sort();
    assert.deepEqual(entries, [
      'intent.yaml:140:9 problem:callback-misses',
      'intent.yaml:218:14 problem:callback-misses',
      'src/notifications/notifier.ts:22:14 problem:callback-misses',
    ]);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, at, '1-not valid')),
      /is not a valid ID/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, at, 'kr:cycle-time')),
      /'kr:cycle-time' is already declared in intent\.yaml/,
    );
  });

  it('links evidence and tracker URLs in manifests (http(s) only)', async () => {
    // VS Code's own URL detection adds links too (the description's); ours are the evidence and tracker values.
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', await load(file('intent.yaml')))) ?? [];
    const found = links.map((l) => `${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.character + 1} ${l.target?.toString(true)}`);
    for (const expected of [
      '120:9-68 https://research.example.org/casting-hub/interviews-2026-10',
      '129:9-66 https://support.example.org/casting-hub/tags/availability',
      '144:9-65 https://research.example.org/casting-hub/callback-survey',
      '191:14-57 https://tracker.example.org/browse/CAST-455',
    ]) assert.ok(found.includes(expected), `${expected} not in ${found.join(', ')}`);
    assert.ok(!found.some((l) => /CAST-412|CAST-501/.test(l)), 'a ticket key is not a link');
  });

  it('follows an unsaved edit: a tag with an unknown ID gets IL010 and changes the lenses; undo clears it', async () => {
    const editor = await open('src/search/searchService.ts');
    const uri = editor.document.uri;
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('async search('));
    try {
      const started = Date.now();
      await editor.edit((b) => b.insert(new vscode.Position(line, 0), '  // @intent kr:cycle-tim\n'));
      const diagnostic = await waitFor('IL010 on the unsaved edit', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'IL010'), 2_000);
      const latency = Date.now() - started;
      console.log(`      unsaved edit → IL010 diagnostic in ${latency} ms`);
      assert.equal(diagnostic.message, "unknown ID 'kr:cycle-tim' (did you mean 'kr:cycle-time'?)");
      assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [line, 13]);
      const after = await waitFor('the new lens', async () => {
        const l = await lenses(uri);
        return l.length === 3 ? l : undefined;
      }, 2_000);
      assert.deepEqual(after, [
        '0: ◎ Cut casting turnaround · Median casting cycle from 7 to 3 days 50% · +1 more · ⚠ 2 constraints',
        '29: ◎ Availability search answers in under 30… · Casting directors cannot filter talent…',
        `${line + 1}: ◎ kr:cycle-tim (unknown)`,
      ]);
    } finally {
      await revert(editor);
    }
    await waitFor('IL010 to clear after undo', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'IL010'), 2_000);
    assert.equal((await lenses(uri)).length, 2);
  });

  it('shows IL001 for a broken manifest, keeps the last good lenses, and clears it once fixed', async () => {
    const manifest = await open('intent.yaml');
    const uri = manifest.document.uri;
    const line = manifest.document.getText().split('\n').findIndex((l) => l.startsWith('version: 1'));
    try {
      await manifest.edit((b) => b.replace(new vscode.Range(line, 0, line, 10), 'version: [1'));
      const il001 = await waitFor('IL001 on the broken manifest', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'IL001'), 3_000);
      assert.equal(il001.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual(await lenses(file('src/search/searchService.ts')), [
        '0: ◎ Cut casting turnaround · Median casting cycle from 7 to 3 days 50% · +1 more · ⚠ 2 constraints',
        '29: ◎ Availability search answers in under 30… · Casting directors cannot filter talent…',
      ]);
    } finally {
      await revert(manifest);
    }
    await waitFor('IL001 to clear', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'IL001'), 3_000);
    assert.equal(ourDiagnostics().length, 15);
  });
});
