// Every question the tech-lead commands ask goes through a Prompter: the real one uses VS Code's quick pick
// and input box; the integration tests swap in scripted answers through the extension's testing API.
// The real pickers never fail silently: Enter with nothing ticked accepts the focused row, multi-step flows
// show their step (`1/3`), and a pick that cannot be accepted says why.
import * as vscode from 'vscode';

export interface PromptItem {
  /** What a pick returns; undefined for a separator. */
  readonly value?: string;
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly separator?: boolean;
  /** Ticked when the picker opens (pickMany), focused (pickOne). */
  readonly picked?: boolean;
}

export interface PromptOptions {
  readonly title: string;
  readonly placeHolder?: string;
  /** Step of a multi-step flow, shown as `step/totalSteps`. */
  readonly step?: number;
  readonly totalSteps?: number;
  /** pickOne: open with no row focused, so Enter cannot accept a default the user did not choose. */
  readonly noDefault?: boolean;
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

/** Runs a quick pick to its end: `accept` returns the answer, or undefined to keep the picker open. */
function runPick<T>(
  shown: (input: vscode.QuickInput | undefined) => void,
  options: PromptOptions,
  items: readonly PromptItem[],
  many: boolean,
  accept: (qp: vscode.QuickPick<Pick>) => T | undefined,
): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve) => {
    const qp = vscode.window.createQuickPick<Pick>();
    const picks = toPicks(items);
    qp.title = options.title;
    qp.placeholder = options.placeHolder;
    qp.step = options.step;
    qp.totalSteps = options.totalSteps;
    qp.canSelectMany = many;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.ignoreFocusOut = true;
    qp.items = picks;
    if (many) {
      qp.selectedItems = picks.filter((p) => p.picked);
      // A multi-select list focuses nothing by itself, so Enter after a filter would accept nothing: keep the
      // first row that matches the filter focused, as a single-select list does.
      qp.onDidChangeValue((value) => {
        const matching = picks.filter((p) => p.value !== undefined && matchesFilter(p, value));
        if (matching.length && !qp.activeItems.some((a) => matching.includes(a))) qp.activeItems = [matching[0]];
      });
    } else {
      const focused = picks.find((p) => p.picked);
      if (focused) qp.activeItems = [focused];
    }
    let done = false;
    const finish = (value: T | undefined) => {
      if (done) return;
      done = true;
      shown(undefined);
      resolve(value);
      qp.dispose();
    };
    qp.onDidAccept(() => {
      const value = accept(qp);
      if (value !== undefined) finish(value);
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
    if (!many && options.noDefault) qp.activeItems = [];
    if (many && picks.some((p) => p.value !== undefined)) qp.activeItems = [picks.find((p) => p.value !== undefined)!];
    shown(qp);
  });
}

/** The quick pick's filter, simplified: every word of `value` in the label, description or detail. */
export function matchesFilter(item: { label: string; description?: string; detail?: string }, value: string): boolean {
  const text = `${item.label} ${item.description ?? ''} ${item.detail ?? ''}`.toLowerCase();
  return value.toLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

/** What Enter means in a multi-select list: the ticked rows, else the focused row (a filter then Enter). */
export function acceptedValues(selected: readonly { value?: string }[], active: readonly { value?: string }[]): string[] {
  const chosen = selected.length ? selected : active;
  return chosen.map((p) => p.value).filter((v): v is string => v !== undefined);
}

/** The real prompter; `visible` is the quick input it shows (the integration tests type into it). */
export class WindowPrompter implements Prompter {
  visible: vscode.QuickInput | undefined;
  private readonly shown = (input: vscode.QuickInput | undefined) => {
    this.visible = input;
  };

  pickMany(items: readonly PromptItem[], options: PromptOptions): Promise<string[] | undefined> {
    return runPick(this.shown, options, items, true, (qp) => {
      const values = acceptedValues(qp.selectedItems, qp.activeItems);
      if (values.length) return values;
      qp.placeholder = vscode.l10n.t('Nothing matches: change the filter, or press Escape to cancel');
      return undefined;
    });
  }

  pickOne(items: readonly PromptItem[], options: PromptOptions): Promise<string | undefined> {
    return runPick(this.shown, options, items, false, (qp) => {
      const value = qp.activeItems[0]?.value ?? qp.selectedItems[0]?.value;
      if (value !== undefined) return value;
      qp.placeholder = vscode.l10n.t('Choose one of the rows (arrow keys, then Enter)');
      return undefined;
    });
  }

  input(options: InputOptions): Promise<string | undefined> {
    return new Promise<string | undefined>((resolve) => {
      const box = vscode.window.createInputBox();
      box.title = options.title;
      box.prompt = options.prompt;
      box.placeholder = options.placeHolder;
      box.value = options.value ?? '';
      box.step = options.step;
      box.totalSteps = options.totalSteps;
      box.ignoreFocusOut = true;
      let done = false;
      const finish = (value: string | undefined) => {
        if (done) return;
        done = true;
        this.shown(undefined);
        resolve(value);
        box.dispose();
      };
      const check = () => {
        const message = options.validate?.(box.value);
        box.validationMessage = message;
        return message === undefined;
      };
      box.onDidChangeValue(() => check());
      box.onDidAccept(() => {
        if (check()) finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
      this.shown(box);
    });
  }
}

/** Holds the current prompter (replaceable by the tests). */
export class PrompterSlot {
  readonly window = new WindowPrompter();
  current: Prompter = this.window;
}
