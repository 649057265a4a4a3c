// The `intent-lens` command. It loads the CLI bundle (cli-main.js) with the V8 code cache that the build wrote
// next to it (cli-main.js.cache): Node then does not compile about 1 MB of JavaScript again on every run, and the
// functions a `check` calls come precompiled. That is ~30 ms of typescript-eslint's 0.25 s `check`. The cache
// starts with the SHA-1 of the bundle it was made from: V8 itself only checks the source's length, and bytecode
// of another bundle would run wrongly, so a cache from another build is ignored; V8 rejects one from another Node
// version. Either way the bundle compiles as usual. Nothing here reads the repository.
import { createHash } from 'node:crypto';
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
const DIGEST_BYTES = 20;

function load(): CliBundle {
  const requireMain = createRequire(MAIN);
  const text = fs.readFileSync(MAIN, 'utf8');
  const digest = createHash('sha1').update(text).digest();
  const writeCache = process.env.INTENT_LENS_WRITE_CODE_CACHE === '1';
  let cache: Buffer | undefined;
  try {
    if (!writeCache) cache = fs.readFileSync(CACHE);
  } catch {
    // No cache (a build without the sample run): compile as usual.
  }
  const fits = cache !== undefined && cache.length > DIGEST_BYTES && cache.subarray(0, DIGEST_BYTES).equals(digest);
  const cachedData = fits ? cache!.subarray(DIGEST_BYTES) : undefined;
  // The same wrapper Node puts around a CommonJS module. The bundle has no import() (the build turns it into
  // require()): a script compiled here has no module loader for it.
  const source = `(function (exports, require, module, __filename, __dirname) { ${text}\n});`;
  const script = new vm.Script(source, { filename: MAIN, cachedData });
  if (process.env.INTENT_LENS_DEBUG) {
    const state = cache === undefined ? 'absent' : !fits ? 'stale (another build)' : script.cachedDataRejected ? 'rejected' : 'used';
    process.stderr.write(`intent-lens: code cache ${state}\n`);
  }
  const mod = { exports: {} as CliBundle };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, requireMain, mod, MAIN, path.dirname(MAIN));
  // After the run, so the functions it compiled are in the cache too.
  if (writeCache) {
    process.once('exit', () => {
      try {
        fs.writeFileSync(CACHE, Buffer.concat([digest, script.createCachedData()]));
      } catch (error) {
        process.stderr.write(`intent-lens: could not write the code cache: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    });
  }
  return mod.exports;
}

load().runFromProcess();
