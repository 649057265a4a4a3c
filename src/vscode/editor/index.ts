// Editor features (CodeLens, hovers, status bar, diagnostics, language features for IDs).
import * as vscode from 'vscode';
import type { Feature, Services } from '../services';

export function registerEditorFeatures(_services: Services): Feature {
  return { disposable: new vscode.Disposable(() => undefined) };
}
