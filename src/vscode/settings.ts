// The extension's settings in one place: key (below ConfigSection) → default. package.json's
// `contributes.configuration` must list exactly these with the same defaults (checked by a unit test).
// Reading validates each value's type and falls back to the default, so a bad user value cannot break us.
import type * as vscode from 'vscode';

export interface Settings {
  'codeLens.enabled': boolean;
}
export type SettingKey = keyof Settings;

export const settingDefaults: Readonly<Settings> = {
  'codeLens.enabled': true,
};

/**
 * Reads all settings from `workspace.getConfiguration(ConfigSection, scope)`, replacing values of the wrong
 * type by the default. Takes the configuration as an argument so this file stays free of a runtime `vscode`.
 */
export function readSettings(config: Pick<vscode.WorkspaceConfiguration, 'get'>): Settings {
  const result: Settings = { ...settingDefaults };
  for (const key of Object.keys(settingDefaults) as SettingKey[]) {
    const value = config.get<unknown>(key);
    if (typeof value === typeof settingDefaults[key]) (result as unknown as Record<string, unknown>)[key] = value;
  }
  return result;
}
