// Every IL0xx finding of every session in the Problems panel, through one DiagnosticCollection. On each
// session change only the files whose findings changed are set again.
import * as vscode from 'vscode';
import type { Finding } from '../../core/types';
import { localize } from '../l10n';
import type { Services } from '../services';
import type { FolderSession } from '../session';
import { toVscodeRange } from '../symbols';

export const DIAGNOSTIC_SOURCE = 'Intent Lens';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The one conversion of a finding into a diagnostic (Problems panel and the review's collection alike). */
export function toDiagnostic(finding: Finding, uriOf: (file: string) => vscode.Uri, source = DIAGNOSTIC_SOURCE): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toVscodeRange(finding.range), localize(finding.l10n, finding.message), SEVERITY[finding.severity]);
  d.code = finding.code;
  d.source = source;
  if (finding.related?.length) {
    d.relatedInformation = finding.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.file), toVscodeRange(r.range)), localize(r.l10n, r.message)),
    );
  }
  return d;
}

export class IntentDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('intent-lens');
  /** Per folder: file → the JSON of its findings as last set. */
  private readonly shown = new Map<string, Map<string, string>>();
  private readonly subscription: vscode.Disposable;
  /** How many files were set again on the last update (tests check the update is incremental). */
  lastUpdated = 0;

  constructor(private readonly services: Services) {
    this.subscription = services.sessions.onDidChange((e) => this.update(e.session));
    for (const session of services.sessions.all()) this.update(session);
  }

  update(session: FolderSession): void {
    const key = session.folder.uri.toString();
    const previous = this.shown.get(key) ?? new Map<string, string>();
    const byFile = new Map<string, Finding[]>();
    for (const f of session.findings()) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    const next = new Map<string, string>();
    let updated = 0;
    for (const [file, findings] of byFile) {
      const json = JSON.stringify(findings);
      next.set(file, json);
      if (previous.get(file) === json) continue;
      this.collection.set(session.uri(file), findings.map((f) => toDiagnostic(f, (file) => session.uri(file))));
      updated++;
    }
    for (const file of previous.keys()) {
      if (!next.has(file)) {
        this.collection.delete(session.uri(file));
        updated++;
      }
    }
    this.shown.set(key, next);
    this.lastUpdated = updated;
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
