// What the lens, the hover and the Objectives tree show of a folder's lock: a short mark per suspect link, the
// field diff, the suspect count of an item. Pure views of LockStates; the providers call these in one line.
import * as vscode from 'vscode';
import type { LinkStatus } from '../../core/lock';
import { describeChange } from '../../core/lock/itemFingerprint';
import { isSubstance } from '../../core/lock/suspects';
import { codeSpan } from '../../core/untrusted/markdown';
import type { Range } from '../../core/types';
import type { Services } from '../services';
import type { FolderSession } from '../session';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** `⚠ kr:cycle-time changed` for the suspect links whose tags are on `tagLines` ('' when none). */
export function lensMark(services: Services, session: FolderSession, file: string, tagLines: readonly number[]): string {
  const lines = new Set(tagLines);
  const marks: string[] = [];
  for (const s of services.locks.statusesIn(session, file)) {
    if (!lines.has(s.link.range.start.line) || !s.entry) continue;
    if (s.itemChanges.length > 0) marks.push(vscode.l10n.t('⚠ {0} changed', s.link.id));
    else if (isSubstance(s.codeChange)) marks.push(vscode.l10n.t('⚠ code changed since {0} was reviewed', s.link.id));
  }
  return marks.length ? ` · ${[...new Set(marks)].join(' · ')}` : '';
}

/** The hover's lock section for the link whose ID is at `range` (Markdown; '' when there is nothing to say). */
export function hoverSection(services: Services, session: FolderSession, file: string, range: Range): string {
  const s: LinkStatus | undefined = services.locks.statusesIn(session, file).find((x) => sameRange(x.link.range, range));
  if (!s) return '';
  const out: string[] = [];
  if (!s.entry) out.push(vscode.l10n.t('**Link never reviewed** (intent.lock)'));
  if (s.itemChanges.length > 0) {
    out.push(vscode.l10n.t('**Suspect link**: {0} changed since this link was reviewed', s.link.id));
    for (const c of s.itemChanges) out.push(`- ${codeSpan(describeChange(c))}`);
  }
  const change = s.codeChange;
  if (change && isSubstance(change) && (change.kind === 'signature' || change.kind === 'rewritten')) {
    out.push(change.kind === 'signature'
      ? vscode.l10n.t('**Suspect link**: the signature changed since review ({0}% similar)', Math.round(change.similarity * 100))
      : vscode.l10n.t('**Suspect link**: the code was rewritten since review ({0}% similar)', Math.round(change.similarity * 100)));
  }
  return out.length ? `\n\n---\n\n${out.join('\n\n')}` : '';
}

/** `⚠ 3 suspect` for an item of the Objectives tree ('' when none). */
export function treeMark(services: Services, session: FolderSession, id: string): string {
  const n = services.locks.get(session)?.summary.perItem[id] ?? 0;
  return n === 0 ? '' : n === 1 ? vscode.l10n.t('⚠ 1 suspect link') : vscode.l10n.t('⚠ {0} suspect links', n);
}
