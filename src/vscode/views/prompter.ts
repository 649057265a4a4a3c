// Every question the tech-lead commands ask goes through a Prompter: the real one uses VS Code's quick pick
// and input box; the integration tests swap in scripted answers through the extension's testing API.
import * as vscode from 'vscode';

export interface PromptItem {
  /** What a pick returns; undefined for a separator. */
  readonly value?: string;
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly separator?: boolean;
  readonly picked?: boolean;
}

export interface PromptOptions {
  readonly title: string;
  readonly placeHolder?: string;
}

export interface InputOptions extends PromptOptions {
  readonly prompt?: string;
  readonly value?: string;
  /** Returns a message when the value is not acceptable. */
  readonly validate?: (value: string) => string | undefined;
}

export interface Prompter {
  /** Undefined when cancelled. */
  pickMany(items: readonly PromptItem[], options: PromptOptions): Promise<string[] | undefined>;
  pickOne(items: readonly PromptItem[], options: PromptOptions): Promise<string | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
}

type Pick = vscode.QuickPickItem & { value?: string };

function toPicks(items: readonly PromptItem[]): Pick[] {
  return items.map((i) =>
    i.separator
      ? { label: i.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: i.label, description: i.description, detail: i.detail, picked: i.picked, value: i.value },
  );
}

export const windowPrompter: Prompter = {
  async pickMany(items, options) {
    const picked = await vscode.window.showQuickPick(toPicks(items), {
      title: options.title,
      placeHolder: options.placeHolder,
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    return picked?.map((p) => p.value).filter((v): v is string => v !== undefined);
  },
  async pickOne(items, options) {
    const picked = await vscode.window.showQuickPick(toPicks(items), {
      title: options.title,
      placeHolder: options.placeHolder,
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return picked?.value;
  },
  input(options) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        value: options.value,
        placeHolder: options.placeHolder,
        ignoreFocusOut: true,
        validateInput: options.validate,
      }),
    );
  },
};

/** Holds the current prompter (replaceable by the tests). */
export class PrompterSlot {
  current: Prompter = windowPrompter;
}
