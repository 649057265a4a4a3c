// "Review Suspect Links…": walks an item's suspect links one by one — peeks the code at the link, shows what
// changed (the field diff, or how the code changed), and accepts (one undoable edit of intent.lock) or skips.
import * as vscode from 'vscode';
import type { LinkStatus } from '../../core/lock';
import { describeChange } from '../../core/lock/itemFingerprint';
import { isSuspect } from '../../core/lock/suspects';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import { toVscodeRange } from '../symbols';
import type { PrompterSlot } from '../commands/prompter';
import { acceptEdit } from './lockEdits';

/** A command argument: an item ID, or a tree node that refers to an item. */
type Target = string | { ref?: { kind: string; session?: FolderSession; id?: string } } | undefined;

export interface WalkResult {
  readonly accepted: number;
  readonly skipped: number;
}

function whatChanged(s: LinkStatus): string {
  const parts = s.itemChanges.map(describeChange);
  const c = s.codeChange;
  if (c && (c.kind === 'signature' || c.kind === 'rewritten')) {
    parts.push(c.kind === 'signature'
      ? vscode.l10n.t('signature changed ({0}% similar)', Math.round(c.similarity * 100))
      : vscode.l10n.t('code rewritten ({0}% similar)', Math.round(c.similarity * 100)));
  }
  return parts.join('; ');
}

export async function walkSuspectLinks(services: Services, prompter: PrompterSlot, target: Target): Promise<WalkResult | undefined> {
  await services.locks.settled();
  const sessions = services.sessions.all().filter((s) => services.locks.get(s));
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No intent.lock in this workspace: run `intent-lens lock` to start reviewing links.'));
    return undefined;
  }
  let id = typeof target === 'string' ? target : target?.ref?.id;
  let session = typeof target === 'object' ? target?.ref?.session : undefined;
  if (!id) {
    const choices = sessions.flatMap((s) => Object.entries(services.locks.get(s)!.summary.perItem).map(([item, n]) => ({ s, item, n })));
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No suspect links: every reviewed link still holds.'));
      return { accepted: 0, skipped: 0 };
    }
    const picked = await prompter.current.pickOne(
      choices.map((c, i) => ({ value: String(i), label: c.item, description: c.n === 1 ? vscode.l10n.t('1 suspect link') : vscode.l10n.t('{0} suspect links', c.n) })),
      { title: vscode.l10n.t('Review Suspect Links'), placeHolder: vscode.l10n.t('Which item?') },
    );
    if (picked === undefined) return undefined;
    ({ s: session, item: id } = choices[Number(picked)]);
  }
  let accepted = 0;
  let skipped = 0;
  for (const s of session ? [session] : sessions) {
    const suspects = services.locks.get(s)?.evaluation.statuses.filter((x) => x.link.id === id && isSuspect(x)) ?? [];
    for (const [i, status] of suspects.entries()) {
      // The editor at the link's ID (the tag), the bound code peeked inline below it, while the diff is asked about.
      const uri = s.uri(status.link.file);
      const tag = toVscodeRange(status.link.range);
      const code = toVscodeRange(status.link.codeRange ?? status.link.range);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(tag.start, tag.start), preview: true });
      vscode.window.activeTextEditor?.revealRange(tag, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await vscode.commands.executeCommand('editor.action.peekLocations', uri, tag.start, [new vscode.Location(uri, code)], 'peek');
      const where = `${status.link.file}${status.link.symbol ? ` (${status.link.symbol})` : ''}`;
      const answer = await prompter.current.pickOne(
        [
          { value: 'accept', label: vscode.l10n.t('$(check) Accept: the link still holds'), detail: whatChanged(status) },
          { value: 'skip', label: vscode.l10n.t('$(arrow-right) Skip') },
        ],
        { title: vscode.l10n.t('Suspect link {0} of {1}: {2} → {3}', i + 1, suspects.length, where, status.link.id), placeHolder: whatChanged(status) },
      );
      await vscode.commands.executeCommand('closeReferenceSearch');
      if (answer === undefined) return { accepted, skipped };
      if (answer === 'skip') {
        skipped++;
        continue;
      }
      const edit = await acceptEdit(s, [status]);
      if (edit && (await vscode.workspace.applyEdit(edit))) accepted++;
    }
  }
  return { accepted, skipped };
}
