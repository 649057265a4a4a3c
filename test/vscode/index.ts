// The one test entry for a real VS Code, whatever launched it: code-server (scripts/vscode/run-tests.mjs) and
// @vscode/test-electron (scripts/vscode/run-electron.mjs) both load this bundle as extensionTestsPath and
// call run(). Mocha is bundled in, so nothing here depends on the host's module resolution.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** Printed once mocha has finished; the launchers treat a run without it as failed (crash, early exit). */
export const DONE_MARKER = 'integration:';
/** Printed per test file before the done marker: the launchers check every test file contributed a pass. */
export const FILE_MARKER = 'integration file:';

export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true); // stack traces point at test/vscode/*.ts
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000 });
  const grep = process.env.INTENT_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const perFile = new Map<string, number>();
  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        for (const file of files) console.log(`${FILE_MARKER} ${path.basename(file, '.js')} ${perFile.get(path.join(__dirname, file)) ?? 0}`);
        resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 });
      });
      runner.on('pass', (test) => {
        if (test.file) perFile.set(test.file, (perFile.get(test.file) ?? 0) + 1);
      });
    } catch (error) {
      reject(error);
    }
  });
  console.log(`${DONE_MARKER} ${passes} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  if (passes === 0) throw new Error(`no integration test ran (${files.length} test file(s) found)`);
}
