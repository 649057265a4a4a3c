// The Review view: the current change grouped by intent, review diagnostics, Copy Intent Summary.
import * as vscode from 'vscode';
import type { Feature, Services } from '../services';

export function registerReview(_services: Services): Feature {
  return { disposable: new vscode.Disposable(() => undefined) };
}
