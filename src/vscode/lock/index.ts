// Suspect links in the editor: the quick fix, the walk-through command and its prompter seam for the tests.
import * as vscode from 'vscode';
import { CommandId } from '../ids';
import type { Feature, Services } from '../services';
import { PrompterSlot, type Prompter } from '../commands/prompter';
import { LockCodeActions } from './lockActions';
import { walkSuspectLinks } from './walkThrough';

const FILES: vscode.DocumentFilter[] = [{ scheme: 'file' }, { scheme: 'vscode-remote' }];

export function registerLock(services: Services): Feature {
  const prompter = new PrompterSlot();
  return {
    disposable: vscode.languages.registerCodeActionsProvider(FILES, new LockCodeActions(services), LockCodeActions.metadata),
    commands: {
      [CommandId.reviewSuspectLinks]: (target?: Parameters<typeof walkSuspectLinks>[2]) => walkSuspectLinks(services, prompter, target),
    },
    testing: {
      locks: services.locks,
      setLockPrompter: (p: Prompter | undefined) => {
        prompter.current = p ?? new PrompterSlot().current;
      },
    },
  };
}
