// What package.json contributes is really registered in a running VS Code: commands, views, settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId, ConfigSection, ViewContainerId, ViewId } from '../../src/vscode/ids';
import { settingDefaults } from '../../src/vscode/settings';
import { intentLens, waitFor } from './helpers';

describe('contributions in a running VS Code', () => {
  before(async () => {
    await waitFor('Intent Lens to activate', () => intentLens().isActive, 20_000);
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: string[] = intentLens().packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
    assert.deepEqual(Object.values(CommandId).filter((id) => !registered.has(id)), []);
  });

  it('runs a command that is not built yet without throwing or hanging', async () => {
    await vscode.commands.executeCommand(CommandId.refresh);
  });

  it('opens the Intent view container and each of its views', async () => {
    await vscode.commands.executeCommand(`workbench.view.extension.${ViewContainerId}`);
    for (const view of Object.values(ViewId)) {
      await vscode.commands.executeCommand(`${view}.focus`);
    }
  });

  it('reads every setting with its contributed default', () => {
    const config = vscode.workspace.getConfiguration(ConfigSection);
    for (const [key, value] of Object.entries(settingDefaults)) {
      assert.deepEqual(config.inspect(key)?.defaultValue, value, `${ConfigSection}.${key}`);
    }
  });
});
