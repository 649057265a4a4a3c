// The `intent-lens` command. It loads the CLI bundle (cli-main.js) with the V8 code cache that the build wrote
// next to it (cli-main.js.cache): Node then does not compile about 1 MB of JavaScript again on every run, and the
// functions a `check` calls come precompiled. That is ~40 ms of a 1.1 s `check` on netbeans and ~30 ms of
// typescript-eslint's 0.25 s. V8 rejects a cache written by another Node version (or for another bundle) and
// compiles as usual, so a stale or missing cache only costs that time. Nothing here reads the repository.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

interface CliBundle {
  runFromProcess(): void;
}

const MAIN = path.join(__dirname, 'cli-main.js');
/** Written by the build (`INTENT_LENS_WRITE_CODE_CACHE=1` after a sample run), read by every other run. */
const CACHE = MAIN + '.cache';

function load(): CliBundle {
  const requireMain = createRequire(MAIN);
  const writeCache = process.env.INTENT_LENS_WRITE_CODE_CACHE === '1';
  let cachedData: Buffer | undefined;
  try {
    if (!writeCache) cachedData = fs.readFileSync(CACHE);
  } catch {
    // No cache (a build without the sample run): compile as usual.
  }
  // The same wrapper Node puts around a CommonJS module. The bundle has no import() (the build turns it into
  // require()): a script compiled here has no module loader for it.
  const source = `(function (exports, require, module, __filename, __dirname) { ${fs.readFileSync(MAIN, 'utf8')}\n});`;
  const script = new vm.Script(source, { filename: MAIN, cachedData });
  if (process.env.INTENT_LENS_DEBUG) process.stderr.write(`intent-lens: code cache ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'absent'}\n`);
  const mod = { exports: {} as CliBundle };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, requireMain, mod, MAIN, path.dirname(MAIN));
  // After the run, so the functions it compiled are in the cache too.
  if (writeCache) process.once('exit', () => fs.writeFileSync(CACHE, script.createCachedData()));
  return mod.exports;
}

load().runFromProcess();
