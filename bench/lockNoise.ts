// Noise of suspect links on real history (README "Suspect links"): lock the symbols of a repository at an old
// commit, replay the first-parent history to a newer one, and count how many links the code side flags (IL041),
// per commit and in total; commits whose change to a file is whitespace-only (`git diff -w` empty) must flag
// nothing. Usage: npx tsx bench/lockNoise.ts GIT_DIR FROM TO [PATH_PREFIX ...]
import { execFileSync } from 'node:child_process';
import { codeFingerprint, compareCode, type CodeChange, type CodeFingerprint } from '../src/core/lock/codeFingerprint';
import { symbolName } from '../src/core/lock/links';
import type { SymbolNode } from '../src/core/types';
import { TreeSitterSymbolFinder } from '../src/node/treeSitterSymbols';

const [gitDir, from, to, ...prefixes] = process.argv.slice(2);
if (!gitDir || !from || !to) throw new Error('usage: lockNoise.ts GIT_DIR FROM TO [PATH_PREFIX ...]');
const MAX_LINKS = 400;
const git = (...args: string[]): string => execFileSync('git', ['--git-dir', gitDir, '-c', 'core.fsmonitor=false', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const finder = new TreeSitterSymbolFinder();

function show(commit: string, path: string): string | undefined {
  try {
    return git('show', `${commit}:${path}`);
  } catch {
    return undefined; // deleted or moved in this commit
  }
}

const KINDS = new Set(['function', 'method', 'class', 'constructor']);

/** Top-level functions and classes, and methods one level down, by symbol path. */
function symbolPaths(symbols: readonly SymbolNode[]): Map<string, SymbolNode> {
  const out = new Map<string, SymbolNode>();
  for (const s of symbols) {
    if (KINDS.has(s.kind)) out.set(symbolName(s.name), s);
    for (const c of s.children) if (KINDS.has(c.kind)) out.set(`${symbolName(s.name)}.${symbolName(c.name)}`, c);
  }
  return out;
}

function offsets(text: string): number[] {
  const o = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) o.push(k + 1);
  return o;
}

/** Fingerprints of every symbol path of a file (from the name's line to the end of the body, as links.ts does). */
async function fingerprints(path: string, text: string): Promise<Map<string, CodeFingerprint>> {
  const symbols = (await finder.symbols(text, path)) ?? [];
  const o = offsets(text);
  const out = new Map<string, CodeFingerprint>();
  for (const [p, s] of symbolPaths(symbols)) {
    const start = o[s.selectionRange.start.line];
    const end = o[s.range.end.line] + s.range.end.character;
    out.set(p, codeFingerprint(text.slice(start, end), path, false));
  }
  return out;
}

async function main(): Promise<void> {
  const files = git('ls-tree', '-r', '--name-only', from).split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/(^|\/)(tests?|__tests__|fixtures?)\//.test(f) && !f.includes('.test.'))
    .filter((f) => prefixes.length === 0 || prefixes.some((p) => f.startsWith(p)))
    .sort();
  // The lock: every symbol path of the chosen files at FROM (up to MAX_LINKS, in path order).
  const lock = new Map<string, CodeFingerprint>(); // `file#path`
  const current = new Map<string, CodeFingerprint>();
  for (const f of files) {
    if (lock.size >= MAX_LINKS) break;
    const text = show(from, f);
    if (!text) continue;
    for (const [p, fp] of await fingerprints(f, text)) {
      if (lock.size >= MAX_LINKS) break;
      lock.set(`${f}#${p}`, fp);
      current.set(`${f}#${p}`, fp);
    }
  }
  const linkedFiles = new Set([...lock.keys()].map((k) => k.slice(0, k.lastIndexOf('#'))));
  const commits = git('rev-list', '--first-parent', '--reverse', `${from}..${to}`).split('\n').filter(Boolean);
  const perCommit: { sha: string; subject: string; changed: number; flagged: number; minor: number; whitespaceOnly: number; wsFlagged: number }[] = [];
  const examples: string[] = [];
  const minorExamples: string[] = [];
  let prev = from;
  for (const sha of commits) {
    const touched = git('diff', '--name-only', prev, sha).split('\n').filter((f) => linkedFiles.has(f));
    let changed = 0, flagged = 0, minor = 0, whitespaceOnly = 0, wsFlagged = 0;
    for (const f of touched) {
      const text = show(sha, f);
      const ws = git('diff', '-w', '--ignore-blank-lines', prev, sha, '--', f).trim() === '';
      if (ws) whitespaceOnly++;
      const now = text ? await fingerprints(f, text) : new Map<string, CodeFingerprint>();
      for (const [key, before] of current) {
        if (!key.startsWith(f + '#')) continue;
        const after = now.get(key.slice(f.length + 1));
        if (!after) continue; // symbol gone or renamed: the link would be IL042 / found by identical code
        const change: CodeChange = compareCode(before, after);
        if (change.kind === 'same') continue;
        changed++;
        current.set(key, after);
        if (change.kind === 'minor') {
          minor++;
          if (minorExamples.length < 8) minorExamples.push(`${sha.slice(0, 10)} ${key} ${Math.round(change.similarity * 100)}%`);
        }
        else {
          flagged++;
          if (ws) wsFlagged++;
          if (examples.length < 12) examples.push(`${sha.slice(0, 10)} ${key} ${change.kind} ${Math.round(change.similarity * 100)}%`);
        }
      }
    }
    if (touched.length) perCommit.push({ sha, subject: git('log', '-1', '--format=%s', sha).trim(), changed, flagged, minor, whitespaceOnly, wsFlagged });
    prev = sha;
  }
  // Against the lock at TO: what a reviewer would see after the whole replay.
  let same = 0, minorAtEnd = 0, signature = 0, rewritten = 0, gone = 0;
  const byFile = new Map<string, Map<string, CodeFingerprint>>();
  for (const [key, before] of lock) {
    const f = key.slice(0, key.lastIndexOf('#'));
    if (!byFile.has(f)) {
      const text = show(to, f);
      byFile.set(f, text ? await fingerprints(f, text) : new Map());
    }
    const after = byFile.get(f)!.get(key.slice(f.length + 1));
    if (!after) { gone++; continue; }
    const c = compareCode(before, after);
    if (c.kind === 'same') same++;
    else if (c.kind === 'minor') minorAtEnd++;
    else if (c.kind === 'signature') signature++;
    else rewritten++;
  }
  const touchedCommits = perCommit.filter((c) => c.changed > 0);
  console.log(JSON.stringify({
    from, to, commits: commits.length, links: lock.size, files: linkedFiles.size,
    atEnd: { same, minor: minorAtEnd, signature, rewritten, gone, flaggedShare: +((signature + rewritten) / lock.size).toFixed(3) },
    replay: {
      commitsTouchingLinkedCode: touchedCommits.length,
      linkChanges: touchedCommits.reduce((a, c) => a + c.changed, 0),
      flagged: touchedCommits.reduce((a, c) => a + c.flagged, 0),
      minor: touchedCommits.reduce((a, c) => a + c.minor, 0),
      whitespaceOnlyFileChanges: perCommit.reduce((a, c) => a + c.whitespaceOnly, 0),
      flaggedInWhitespaceOnlyChanges: perCommit.reduce((a, c) => a + c.wsFlagged, 0),
    },
    topCommits: [...perCommit].sort((a, b) => b.changed - a.changed).slice(0, 8).map((c) => `${c.sha.slice(0, 10)} changed ${c.changed} flagged ${c.flagged} minor ${c.minor} — ${c.subject}`),
    examples,
    minorExamples,
  }, null, 2));
}

void main();
