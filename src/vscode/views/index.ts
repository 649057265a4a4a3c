// The Intent sidebar (Objectives, Constraints, Tech Debt, Context) and the tech-lead commands.
import * as vscode from 'vscode';
import type { Feature, Services } from '../services';

export function registerViews(_services: Services): Feature {
  return { disposable: new vscode.Disposable(() => undefined) };
}
