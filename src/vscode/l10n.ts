// Shows the core's translatable messages (findings, provenance) in the UI language: the template is the key
// of its translation in l10n/bundle.l10n.*.json; nested messages are translated before they fill a placeholder.
import * as vscode from 'vscode';
import type { Message, MessageArg } from '../core/l10n';

/** A core message in the UI language; `fallback` (the English text) when the core gave no template. */
export function localize(m: Message | undefined, fallback: string): string {
  if (!m) return fallback;
  return vscode.l10n.t(m.template, ...m.args.map(localizeArg));
}

function localizeArg(arg: MessageArg): string | number {
  return typeof arg === 'object' ? localize(arg, '') : arg;
}
