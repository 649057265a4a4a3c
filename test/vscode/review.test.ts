// The Review view in a real VS Code: the test workspace (a copy of demo/, not a repository) becomes a git
// repository, gets a change (a new untagged file, an edit to tagged code, the last tag of a KR removed), and
// the view groups it by intent with IL030 / IL032 diagnostics on the changed files. Everything is restored after.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { intentLens, waitFor } from './helpers';

interface Api {
  settled(): Promise<void>;
  testing: {
    reviewTree: vscode.TreeDataProvider<unknown>;
    computeReview(): Promise<readonly { review?: { files: readonly { path: string }[] }; error?: string; repository?: string }[]>;
    reviewState(): string;
  };
}

const STATE = 'src/bookings/bookingState.ts';
const RANKING = 'src/search/ranking.ts';
const UNTAGGED = 'src/reviewUntagged.ts';

describe('review view outside git', () => {
  it('says in plain words that the folder is not a repository (no raw git error, nothing listed)', async () => {
    const ext = intentLens();
    await waitFor('Intent Lens to activate', () => ext.isActive, 20_000);
    const testing = (ext.exports as Api).testing;
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.ok(!existsSync(path.join(root, '.git')));
    const [result] = await testing.computeReview();
    assert.equal(testing.reviewState(), 'noGit');
    assert.deepEqual(await testing.reviewTree.getChildren(), [], 'an empty tree, so the welcome text shows');
    assert.doesNotMatch(result.error ?? '', /fatal|rev-parse/);
    assert.match(result.error ?? '', /is not a git repository/);
  });
});

describe('review view', function () {
  this.timeout(90_000);
  let root: string;
  let api: Api;
  const originals = new Map<string, string>();

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Review Test', '-c', 'user.email=review@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
  const file = (rel: string) => path.join(root, rel);
  const edit = (rel: string, change: (text: string) => string) => {
    if (!originals.has(rel)) originals.set(rel, readFileSync(file(rel), 'utf8'));
    const next = change(readFileSync(file(rel), 'utf8'));
    writeFileSync(file(rel), next);
  };

  async function children(node?: unknown): Promise<unknown[]> {
    return ((await api.testing.reviewTree.getChildren(node as never)) ?? []) as unknown[];
  }
  async function item(node: unknown): Promise<vscode.TreeItem> {
    return api.testing.reviewTree.getTreeItem(node as never);
  }
  async function labelOf(node: unknown): Promise<string> {
    const label = (await item(node)).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  }
  /** Labels of the whole subtree, depth-first, indented by depth. */
  async function outline(node?: unknown, depth = 0): Promise<string[]> {
    const out: string[] = [];
    for (const child of await children(node)) {
      const ti = await item(child);
      out.push(`${'  '.repeat(depth)}${await labelOf(child)}${ti.description ? ` | ${ti.description}` : ''}`);
      out.push(...(await outline(child, depth + 1)));
    }
    return out;
  }

  before(async () => {
    const ext = intentLens();
    await waitFor('Intent Lens to activate', () => ext.isActive, 20_000);
    api = ext.exports as Api;
    await api.settled();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.ok(!existsSync(file('.git')), 'the test workspace must not be a repository before this suite');
    console.log(`      git extension: ${vscode.extensions.getExtension('vscode.git') ? 'present' : 'absent'}`);

    // The base commit: the demo, plus the one tag that links kr:shortlist-acceptance.
    edit(STATE, (t) => t.replace('export function canMove(', '// @intent kr:shortlist-acceptance -- a clear status speeds up the producer\'s answer\nexport function canMove('));
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');

    // The change: a new untagged file, an edit inside tagged code, the last tag of a KR removed.
    writeFileSync(file(UNTAGGED), 'export function reviewUntagged(): number {\n  return 42;\n}\n');
    edit(RANKING, (t) => t.replace('  return talent\n', '  return talent // reviewed\n'));
    git('add', RANKING); // staged; the other two stay unstaged / untracked
    edit(STATE, (t) => t.replace(/\/\/ @intent kr:shortlist-acceptance[^\n]*\n/, ''));
  });

  after(async () => {
    for (const [rel, text] of originals) writeFileSync(file(rel), text);
    if (existsSync(file(UNTAGGED))) unlinkSync(file(UNTAGGED));
    // Let the git extension drop the repository before it disappears (else it logs failing git calls).
    if (vscode.extensions.getExtension('vscode.git')?.isActive) {
      await Promise.race([vscode.commands.executeCommand('git.close').then(undefined, () => undefined), new Promise((r) => setTimeout(r, 3_000))]);
    }
    rmSync(file('.git'), { recursive: true, force: true });
    await api?.settled();
    await api?.testing.computeReview().catch(() => undefined);
  });

  it('groups the change by intent after Review Changes by Intent', async () => {
    await vscode.commands.executeCommand('intentLens.reviewChanges');
    const lines = await waitFor('the review to show the change', async () => {
      await api.testing.computeReview();
      const o = await outline();
      return o.some((l) => l.includes('reviewUntagged.ts')) && o.some((l) => l.startsWith('      rank')) ? o : undefined;
    }, 40_000);
    const text = lines.join('\n');
    const [result] = await api.testing.computeReview();
    console.log(`      repository found through: ${result.repository}`);
    assert.equal(result.repository, vscode.extensions.getExtension('vscode.git') ? 'git extension' : 'git');
    const rankLine = readFileSync(file(RANKING), 'utf8').split('\n').indexOf('  return talent // reviewed') + 1;
    // objective → KR → problem → changed symbol
    assert.match(text, /^Cut casting turnaround \| obj:faster-casting$/m, text);
    assert.match(text, /^ {2}Median casting cycle from 7 to 3 days \| kr:cycle-time · 5 → 3 days · 50%$/m, text);
    assert.ok(text.includes(`    Casting directors cannot filter talent by availability | problem:availability-search\n      rank | src/search/ranking.ts:${rankLine}\n`), text);
    // No intent: the new untagged file, and canMove, whose only link the change removed.
    assert.match(text, /^No intent \| 2 file\(s\)\n {2}bookingState\.ts \| src\/bookings\/bookingState\.ts · modified\n {2}reviewUntagged\.ts \| src\/reviewUntagged\.ts · added$/m, text);
    // Constraints touched and links removed.
    assert.match(text, /^Constraints touched \| \d+\n {2}No personal data in logs \| constraint:no-pii-in-logs$/m, text);
    assert.match(text, /^Links \| \+0 −1\n {2}Removed \| 1\n {4}kr:shortlist-acceptance \| src\/bookings\/bookingState\.ts:\d+/m, text);
  });

  it('opens a changed symbol as a diff against the base (read-only base version, no git: URI needed)', async () => {
    assert.equal(api.testing.reviewState(), 'ready');
    const find = async (node: unknown, wanted: string): Promise<unknown> => {
      for (const child of await children(node)) {
        if ((await labelOf(child)) === wanted) return child;
        const hit = await find(child, wanted);
        if (hit) return hit;
      }
      return undefined;
    };
    const rank = await find(undefined, 'rank');
    assert.ok(rank, 'the changed symbol rank');
    const ti = await item(rank);
    assert.equal(ti.command?.command, 'vscode.diff');
    assert.equal(ti.contextValue, 'change', 'the inline Open Changes action shows on it');
    await vscode.commands.executeCommand('intentLens.openChange', rank);
    const tab = await waitFor('the diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'intent-lens-base');
    assert.equal(tab.modified.fsPath, file(RANKING));
    const base = await vscode.workspace.openTextDocument(tab.original);
    assert.equal(base.getText(), originals.get(RANKING), 'the left side is the file at the base commit');
    assert.ok(base.getText().includes('  return talent\n') && !base.getText().includes('// reviewed'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows IL030 and IL032 as diagnostics of their own collection on the changed files', async () => {
    const reviewDiagnostics = (rel: string) =>
      vscode.languages.getDiagnostics(vscode.Uri.file(file(rel))).filter((d) => d.source === 'Intent Lens review');
    const untagged = await waitFor('IL030 on the new file', () => {
      const d = reviewDiagnostics(UNTAGGED).filter((x) => x.code === 'IL030');
      return d.length ? d : undefined;
    });
    assert.equal(untagged[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(untagged[0].range.start.line, 0);
    const last = await waitFor('IL032 where the last tag was', () => reviewDiagnostics(STATE).find((x) => x.code === 'IL032'));
    assert.equal(last.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(last.message, /kr:shortlist-acceptance/);
    const canMove = readFileSync(file(STATE), 'utf8').split('\n').findIndex((l) => l.startsWith('export function canMove('));
    assert.equal(last.range.start.line, canMove, 'at the line where the removed tag stood');
    // The edited tagged code under a constraint gets IL031, never IL030.
    const ranking = reviewDiagnostics(RANKING);
    assert.ok(ranking.some((d) => d.code === 'IL031' && d.severity === vscode.DiagnosticSeverity.Information), JSON.stringify(ranking));
    assert.ok(!ranking.some((d) => d.code === 'IL030'));
  });

  it('shows lenses and hovers on the base version in a diff editor (git: documents)', async () => {
    const gitApi = vscode.extensions.getExtension<{ getAPI(v: 1): { toGitUri(uri: vscode.Uri, ref: string): vscode.Uri } }>('vscode.git');
    assert.ok(gitApi, 'the built-in git extension is not installed');
    const toGitUri = (await gitApi.activate()).getAPI(1).toGitUri;
    const working = vscode.Uri.file(file(STATE));
    const head = toGitUri(working, 'HEAD');
    // What a reviewer does: open the change in a diff editor (left: HEAD, right: the working tree).
    await vscode.commands.executeCommand('vscode.diff', head, working, 'review');
    const document = await waitFor('the git: document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === head.toString()));
    const tagLine = document.getText().split('\n').findIndex((l) => l.startsWith('// @intent kr:shortlist-acceptance'));
    assert.ok(tagLine >= 0, 'the base version has the tag the change removed');
    // The base version still links canMove to the KR; the working tree no longer does.
    const titles = await waitFor('lenses on the git: document', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', head).then(undefined, () => [])) ?? [];
      const mine = lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`).filter((t) => t.includes('Half of shortlists'));
      return mine.length ? mine : undefined;
    });
    assert.deepEqual(titles, [`${tagLine + 1}: ◎ Half of shortlists accepted by producer… 5%`]);
    const now = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', working)) ?? [];
    assert.ok(!now.some((l) => l.command?.title.includes('Half of shortlists')), 'the working tree lost that link');
    const column = document.lineAt(tagLine).text.indexOf('kr:shortlist') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', head, new vscode.Position(tagLine, column));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Shortlists accepted|kr:shortlist-acceptance/);
    assert.match(text, /tagged here/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Copy Intent Summary returns the Markdown of the review', async () => {
    const text = await Promise.race([
      vscode.commands.executeCommand<string | undefined>('intentLens.copySummary'),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 15_000)),
    ]);
    assert.ok(text, 'the command returned no summary');
    assert.equal(await vscode.env.clipboard.readText(), text, 'the summary returned is the one on the clipboard');
    assert.match(text, /### Intent review against main/);
    assert.match(text, /<summary><b>No intent<\/b> \(2 file\(s\)\)<\/summary>/);
    assert.match(text, /IL032/);
  });

  it('lists the links to re-confirm from intent.lock (the KR was re-targeted since review)', async () => {
    const lock = file('intent.lock');
    writeFileSync(lock, '{"id":"kr:search-latency-p95","at":"src/search/searchService.ts#SearchService","item":"0000000000000000","fields":{"title":"Availability search answers in under 300 ms (p95)","metric":"search_latency_ms_p95","baseline":1200,"target":400,"unit":"ms"}}\n');
    try {
      const text = await waitFor('the Links to re-confirm group', async () => {
        await (api.testing as unknown as { locks: { settled(): Promise<void> } }).locks.settled();
        await api.testing.computeReview();
        const o = (await outline()).join('\n');
        return o.includes('Links to re-confirm') ? o : undefined;
      }, 20_000);
      assert.match(text, /^Links to re-confirm\n {2}kr:search-latency-p95 changed \| target: 400 → 300 · 1 link to re-confirm\n {4}SearchService \| src\/search\/searchService\.ts:29$/m, text);
      assert.match(text, /^ {2}\d+ links never reviewed$/m, text);
    } finally {
      rmSync(lock, { force: true });
      // Later suites must not see this lock's suspect links.
      await waitFor('the lock findings to clear', () => !vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => /^IL04/.test(String(d.code)))), 15_000);
    }
  });
});
