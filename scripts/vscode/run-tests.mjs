#!/usr/bin/env node
// Runs the mocha suite of test/vscode inside a real VS Code extension host, offline: code-server (VS Code's
// server + web workbench, Node extension host) under Node 24, driven by headless Chromium via playwright-core.
//
//   node scripts/vscode/run-tests.mjs [--workspace DIR] [--scenario demo|empty|fr] [--installed | --vsix FILE]
//                                     [--grep TEXT] [--timeout SEC]
//                                     [--keep] [--verbose] [--untrusted]
//
// Default: the extension from this folder (extensionDevelopmentPath) on a temp copy of demo/. --scenario
// empty: an empty folder (the first-run suite); --scenario fr: the demo with the UI in French (--locale fr).
// Each scenario runs only its own suites (they read INTENT_LENS_SCENARIO). With --installed
// (the VSIX `npm run package` wrote) or --vsix FILE, the extension comes from installing that VSIX into
// code-server, so what users install is what is tested.
// Exits non-zero on a failing test, no test run, a crashed extension host, a timeout or any setup error, and
// kills code-server's whole process group on every exit path (SIGINT included).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import {
  ROOT, codeServerVersion, vsixPath, copyWorkspace, freePort, installExtension, launchChromium, log, makeTempDir,
  onAnyExit, remoteUri, removeDir, requireTools, startCodeServer, withTimeout, workbenchUrl,
} from './lib.mjs';

const MARKER = /^integration: (\d+) passed, (\d+) failed$/m;
const FILE_MARKER = /^integration file: (\S+) (\d+)$/m;
/**
 * The fewest passing tests a full run may report. Raise it when tests are added (never lower it to make a run
 * pass): together with "every test/vscode/*.test.ts file passes at least one test", a test file dropped from the
 * bundle, a suite that silently stops registering tests, or a describe block skipped by mistake fails the run.
 */
const MIN_PASSING = 60;
/** Test files that run only in the `--untrusted` pass (Restricted Mode); that pass must pass them instead. */
const UNTRUSTED_ONLY = new Set(['restricted.test']);
/** Test files that run only in their own scenario (--scenario empty / fr) and skip in the demo run. */
const SCENARIO_ONLY = new Set(['firstRun.test', 'french.test']);
// Workbench chatter hidden unless --verbose (the suite's own output always shows).
const WORKBENCH_NOISE = new RegExp([
  String.raw`^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]`,
  String.raw`^(Ignoring fetching additional builtin|Updating additional builtin|Resolving connection token|Resolved connection token|Creating a socket)`,
].join('|'));
const HOST_EXIT = /Extension [Hh]ost.*exited with code:? *(-?\d+|null)/;

const { values: opts } = parseArgs({
  options: {
    workspace: { type: 'string' },
    scenario: { type: 'string', default: 'demo' },
    vsix: { type: 'string' },
    installed: { type: 'boolean', default: false },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    // Workspace trust on and the workspace untrusted (Restricted Mode); runs only test/vscode/restricted.test.ts.
    untrusted: { type: 'boolean', default: false },
  },
});
if (opts.installed) opts.vsix ??= vsixPath();
const SCENARIOS = {
  demo: { grep: undefined, args: [] },
  empty: { grep: 'first run', args: [] },
  fr: { grep: 'French UI', args: ['--locale', 'fr'] },
};
const scenario = SCENARIOS[opts.scenario];
if (!scenario) throw new Error(`unknown --scenario ${opts.scenario} (${Object.keys(SCENARIOS).join(', ')})`);
opts.grep ??= scenario.grep;
const timeoutMs = Number(opts.timeout) * 1000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let temp;
let server;
let browser;
const exit = onAnyExit(async () => {
  if (browser) await withTimeout(browser.close(), 10_000, 'closing Chromium').catch((e) => log(e.message));
  if (server) await server.stop();
  if (temp && !opts.keep) removeDir(temp);
  else if (temp) log(`kept ${temp}`);
});
setTimeout(() => {
  log(`FAIL: the whole run exceeded ${opts.timeout} s`);
  void exit(1);
}, timeoutMs).unref();

async function main() {
  requireTools();
  const testsIndex = path.join(ROOT, 'out/test/vscode/index.js');
  if (!existsSync(testsIndex)) throw new Error(`${testsIndex} missing: run node scripts/vscode/build-tests.mjs`);
  if (!opts.vsix && !existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js missing: run npm run build');

  temp = makeTempDir(undefined, { untrusted: opts.untrusted });
  const workspace = opts.scenario === 'empty' ? emptyWorkspace(path.join(temp, 'workspace')) : prepareWorkspace(path.join(temp, 'workspace'));

  // Where the extension under test comes from, and where the tests must find it.
  let developmentPath = ROOT;
  let expectedRoot = ROOT;
  if (opts.vsix) {
    const vsix = path.resolve(opts.vsix);
    if (!existsSync(vsix)) throw new Error(`${vsix} not found: run npm run package`);
    log(`installing ${path.basename(vsix)} into code-server`);
    installExtension(temp, vsix);
    // extensionTestsPath needs a development extension: an empty harness with another id, so the real one
    // is the installed copy.
    developmentPath = path.join(temp, 'harness');
    mkdirSync(developmentPath);
    writeFileSync(path.join(developmentPath, 'package.json'), JSON.stringify({
      name: 'intent-lens-test-harness', publisher: 'intent-lens-tests', version: '0.0.0', engines: { vscode: '*' },
    }));
    expectedRoot = path.join(temp, 'extensions');
  }

  if (opts.scenario === 'fr') {
    // No Marketplace here: a minimal language pack (test/fixtures/fr-language-pack) makes French available.
    const pack = path.join(temp, 'fr-language-pack.vsix');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', pack],
      { cwd: path.join(ROOT, 'test/fixtures/fr-language-pack'), encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`packaging the French language pack failed: ${r.stderr || r.error?.message}`);
    installExtension(temp, pack);
    // The server reads the available packs from languagepacks.json, which only its own installer writes.
    const id = 'intent-lens-tests.intent-lens-test-fr-locale';
    const translations = path.join(temp, 'extensions', `${id}-0.0.1`, 'translations/main.i18n.json');
    if (!existsSync(translations)) throw new Error(`the French language pack is not where expected: ${translations}`);
    mkdirSync(path.join(temp, 'user-data'), { recursive: true });
    writeFileSync(path.join(temp, 'user-data/languagepacks.json'), JSON.stringify({
      fr: { hash: 'intentlenstestfr001', extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }], translations: { vscode: translations }, label: 'français' },
    }));
  }

  const port = await freePort();
  let hostExit;
  let rejectHost;
  const hostFailed = new Promise((_, reject) => { rejectHost = reject; });
  hostFailed.catch(() => {});
  server = await startCodeServer({
    temp, port, untrusted: opts.untrusted,
    extraArgs: scenario.args,
    env: {
      INTENT_LENS_SCENARIO: opts.scenario,
      INTENT_LENS_EXPECT_EXTENSION_ROOT: expectedRoot,
      ...(opts.grep ? { INTENT_LENS_TEST_GREP: opts.grep } : {}),
      ...(opts.untrusted ? { INTENT_LENS_UNTRUSTED: '1', INTENT_LENS_TEST_GREP: opts.grep ?? 'Restricted Mode' } : {}),
    },
    onLine: (line) => {
      if (opts.verbose) console.error(`[code-server] ${line}`);
      const m = HOST_EXIT.exec(line);
      if (m) {
        hostExit = m[1];
        if (m[1] !== '0') rejectHost(new Error(`the extension host exited with code ${m[1]}`));
      }
      if (/Extension host .*terminated unexpectedly|extension host.*crash/i.test(line)) rejectHost(new Error(line));
    },
  });
  const { version, commit } = codeServerVersion();
  log(`code-server ready on port ${port} (VS Code ${version} ${String(commit).slice(0, 8)}) after ${elapsed()}`);

  browser = await launchChromium();
  // The clipboard commands are tested for real: a write the page is not allowed must not pass as a copy.
  const page = await (await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
  let marker;
  const passesByFile = new Map();
  let resolveExit;
  const suiteExit = new Promise((resolve) => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The workbench's own log and the extension host's console arrive here alike, printf-style.
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      if (opts.verbose || type === 'error' || !WORKBENCH_NOISE.test(line)) console.log(line);
      const m = MARKER.exec(line);
      if (m) marker = { passed: Number(m[1]), failed: Number(m[2]) };
      const f = FILE_MARKER.exec(line);
      if (f) passesByFile.set(f[1], Number(f[2]));
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  page.on('crash', () => rejectHost(new Error('the browser page crashed')));
  page.on('pageerror', (e) => log('workbench page error:', e.message));

  const url = workbenchUrl(port, workspace, [
    ['extensionDevelopmentPath', remoteUri(port, developmentPath)],
    ['extensionTestsPath', remoteUri(port, testsIndex)],
    ['skipWelcome', 'true'],
  ]);
  const remaining = () => Math.max(1_000, timeoutMs - (Date.now() - started) - 15_000);
  await withTimeout(page.goto(url), remaining(), 'loading the workbench');
  log(`workbench loading after ${elapsed()}; running the suite`);
  const code = await withTimeout(Promise.race([suiteExit, hostFailed]), remaining(), 'the suite to finish');
  if (hostExit && hostExit !== '0') throw new Error(`the extension host exited with code ${hostExit}`);
  if (server.exited) throw new Error(`code-server exited (${server.exitCode}) during the run`);

  // The workbench reports 0 even if the extension host crashed or exited early: trust only the marker.
  if (!marker) return fail(`no "integration: N passed, N failed" marker (exit code ${code}): the suite did not finish`);
  if (marker.passed === 0) return fail('the suite ran no test');
  if (marker.failed > 0 || code !== 0) return fail(`${marker.failed} failed, exit code ${code}`);
  if (opts.untrusted) {
    const silent = [...UNTRUSTED_ONLY].filter((f) => !(passesByFile.get(f) > 0));
    if (silent.length) return fail(`no passing test from ${silent.join(', ')} in Restricted Mode`);
  } else if (!opts.grep) {
    // Every test file of the source tree must have run and passed something; the total must reach the floor.
    // Suites of the other runs (Restricted Mode, empty folder, French UI) skip themselves in the demo run.
    const expected = readdirSync(path.join(ROOT, 'test/vscode')).filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, '')).filter((f) => !UNTRUSTED_ONLY.has(f) && !SCENARIO_ONLY.has(f));
    const silent = expected.filter((f) => !(passesByFile.get(f) > 0));
    if (silent.length) return fail(`no passing test from ${silent.join(', ')} (bundled: ${[...passesByFile.keys()].join(', ') || 'none'})`);
    if (marker.passed < MIN_PASSING) return fail(`${marker.passed} passed, fewer than the pinned ${MIN_PASSING}: a test file or suite went missing`);
  }
  log(`PASS: ${marker.passed} passed in ${elapsed()} (VS Code ${version}, scenario ${opts.scenario}${opts.vsix ? `, from ${path.basename(opts.vsix)}` : ''})`);
  return 0;
}

function fail(message) {
  log(`FAIL: ${message} (${elapsed()})`);
  return 1;
}

/** An empty folder: no manifest, no git, no file (the first-run suite adds what it needs). */
function emptyWorkspace(dest) {
  mkdirSync(dest);
  return dest;
}

/** A temp copy of the workspace (default demo/), so tests may edit files freely. */
function prepareWorkspace(dest) {
  const source = path.resolve(ROOT, opts.workspace ?? 'demo');
  if (existsSync(source)) return copyWorkspace(source, dest);
  if (opts.workspace) throw new Error(`workspace ${source} not found`);
  log('demo/ not found: using a minimal workspace with an empty intent.yaml');
  mkdirSync(dest);
  writeFileSync(path.join(dest, 'intent.yaml'), 'version: 1\n');
  return dest;
}

main().then(
  (code) => exit(code),
  (error) => {
    log(`FAIL: ${error?.message ?? error} (${elapsed()})`);
    void exit(1);
  },
);
