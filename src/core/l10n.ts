// Host-free translatable messages. The core builds every sentence a person reads (findings, provenance) as an
// English template with `{0}`, `{1}` … placeholders plus its arguments; `message` stays the English text (CLI,
// SARIF, baselines, fingerprints), and the extension translates `l10n` with vscode.l10n.t and the bundle in l10n/.

/** An argument: a value shown as-is (ID, path, number) or a nested message that is translated too. */
export type MessageArg = string | number | Message;

export interface Message {
  /** The English sentence with `{n}` placeholders; also the key of its translation in l10n/bundle.l10n.*.json. */
  readonly template: string;
  readonly args: readonly MessageArg[];
}

/** A translatable message and its English text, ready to spread into a Finding. */
export interface Localized {
  readonly message: string;
  readonly l10n: Message;
}

/** Fills `{0}`, `{1}` … of a template; nested messages are formatted in English; unknown placeholders stay. */
export function format(template: string, args: readonly MessageArg[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => {
    const arg = args[Number(n)];
    if (arg === undefined) return whole;
    return typeof arg === 'object' ? format(arg.template, arg.args) : String(arg);
  });
}

/** The message of a template and its arguments. */
export function message(template: string, ...args: MessageArg[]): Message {
  return { template, args };
}

/** The English text and the translatable form of a template and its arguments. */
export function msg(template: string, ...args: MessageArg[]): Localized {
  return { message: format(template, args), l10n: { template, args } };
}

/** English text of a message. */
export function english(m: Message): string {
  return format(m.template, m.args);
}
