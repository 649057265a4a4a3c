// The translated words of the host-free lens and hover composers (src/core/editor), built with vscode.l10n.
import * as vscode from 'vscode';
import type { HoverLabels } from '../../core/editor/hoverMarkdown';
import type { LensWords } from '../../core/editor/lensTitle';

export function lensWords(): LensWords {
  return {
    constraints: (n) => (n === 1 ? vscode.l10n.t('1 constraint') : vscode.l10n.t('{0} constraints', n)),
    debt: (n) => (n === 1 ? vscode.l10n.t('1 debt') : vscode.l10n.t('{0} debts', n)),
    impact: (impact) => vscode.l10n.t('{0} impact', impact),
    slows: (title) => vscode.l10n.t('slows {0}', title),
    unknown: vscode.l10n.t('(unknown)'),
    retired: vscode.l10n.t('(retired)'),
    more: (n) => vscode.l10n.t('+{0} more', n),
    // ◎ and ⚠ render in every font; the flame is VS Code's own icon (an emoji may be missing from the font).
    marks: { intent: '◎', constraint: '⚠', debt: '$(flame)' },
  };
}

export function hoverLabels(): HoverLabels {
  return {
    kinds: {
      objective: vscode.l10n.t('Objective'),
      keyResult: vscode.l10n.t('Key result'),
      problem: vscode.l10n.t('Problem'),
      constraint: vscode.l10n.t('Constraint'),
      debt: vscode.l10n.t('Tech debt'),
    },
    status: vscode.l10n.t('Status'),
    owner: vscode.l10n.t('Owner'),
    period: vscode.l10n.t('Period'),
    objective: vscode.l10n.t('Objective'),
    metric: vscode.l10n.t('Metric'),
    progress: vscode.l10n.t('Progress'),
    persona: vscode.l10n.t('Persona'),
    evidence: vscode.l10n.t('Evidence'),
    movesKeyResults: vscode.l10n.t('Moves'),
    constraintKind: vscode.l10n.t('Kind'),
    appliesTo: vscode.l10n.t('Applies to'),
    hurts: vscode.l10n.t('Hurts'),
    cost: vscode.l10n.t('Cost'),
    impact: vscode.l10n.t('Impact'),
    tracker: vscode.l10n.t('Tracker'),
    supersededBy: vscode.l10n.t('Superseded by'),
    declaredIn: vscode.l10n.t('Declared in'),
    linkedHere: vscode.l10n.t('Linked here'),
    unknown: (id) => vscode.l10n.t("'{0}' is not declared in any intent.yaml", id),
  };
}
