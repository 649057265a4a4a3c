// Clickable evidence and tracker URLs in manifests (http(s) only; anything else stays text).
import * as vscode from 'vscode';
import { manifestLinks } from '../../core/editor/idOccurrences';
import { toVscodeRange } from '../symbols';

export class IntentDocumentLinks implements vscode.DocumentLinkProvider {
  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    return manifestLinks(document.getText()).map((l) => new vscode.DocumentLink(toVscodeRange(l.range), vscode.Uri.parse(l.url, true)));
  }
}
