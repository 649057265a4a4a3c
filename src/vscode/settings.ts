// The extension's settings from ONE zod schema: key (below ConfigSection) → type and default. package.json's
// `contributes.configuration` must list exactly these with the same defaults (checked by a unit test).
// Reading validates each value and falls back to the default, so a bad user value cannot break us.
import * as z from 'zod';
import type * as vscode from 'vscode';

export const settingsSchema = z.object({
  'codeLens.enabled': z.boolean().default(true),
  'codeLens.density': z.enum(['full', 'compact', 'file']).default('full'),
  'index.maxFileSize': z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  'index.exclude': z.array(z.string().max(500)).max(500).default([]),
  'debt.markers': z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/)).max(50).default(['TODO', 'FIXME', 'HACK']),
  'review.base': z.string().max(200).default(''),
  'statusBar.enabled': z.boolean().default(true),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const settingDefaults: Readonly<Settings> = settingsSchema.parse({});

/**
 * Reads all settings from `workspace.getConfiguration(ConfigSection, scope)`, replacing each invalid value by
 * its default. Takes the configuration as an argument so this file stays free of a runtime `vscode`.
 */
export function readSettings(config: Pick<vscode.WorkspaceConfiguration, 'get'>): Settings {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    const parsed = settingsSchema.shape[key].safeParse(config.get<unknown>(key));
    result[key] = parsed.success ? parsed.data : settingDefaults[key];
  }
  return result as Settings;
}

/**
 * What each setting needs when it changes (rust-analyzer's config.ts keeps the same list): `rebuild` = a new
 * index of each folder (one per burst of events), `refresh` = its reader re-reads it on its own event.
 */
export const SETTING_EFFECTS: Readonly<Record<SettingKey, 'rebuild' | 'refresh'>> = {
  'codeLens.enabled': 'refresh',
  'codeLens.density': 'refresh',
  'index.maxFileSize': 'rebuild',
  'index.exclude': 'rebuild',
  'debt.markers': 'rebuild',
  'review.base': 'refresh',
  'statusBar.enabled': 'refresh',
};

/** VS Code's own settings that change which files the index lists. */
export const LISTING_SETTINGS: readonly string[] = ['files.exclude', 'search.exclude'];

/** True when the index built with `a` differs from one built with `b`. */
export function indexOptionsChanged(a: Settings, b: Settings): boolean {
  return (Object.keys(SETTING_EFFECTS) as SettingKey[]).some((k) => SETTING_EFFECTS[k] === 'rebuild' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
