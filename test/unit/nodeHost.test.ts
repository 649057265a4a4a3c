// NodeHost on a real folder: ignore rules, safe reads, and the worker-thread scanner giving the same index
// as the in-thread one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeHost } from '../../src/node/nodeHost';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';

describe('NodeHost', function () {
  this.timeout(30000);
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'il-nodehost-'));
    const write = (rel: string, data: string | Uint8Array) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), data);
    };
    fs.mkdirSync(path.join(root, '.git/info'), { recursive: true });
    write('.gitignore', 'dist/\n');
    write('src/a.ts', '// @intent kr:a -- x\nexport function a() {}\n');
    write('src/b.py', '# TODO: b\n');
    write('src/c.go', 'package c\n');
    write('dist/out.js', '// @intent kr:ignored\n');
    write('big.ts', '// TODO\n' + 'x'.repeat(3000));
    write('bin.rs', new Uint8Array([0x2f, 0x2f, 0, 0x40]));
    for (let i = 0; i < 600; i++) write(`many/f${i}.ts`, i % 50 === 0 ? `// @debt kr:m${i}\n` : 'const x = 1;\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds the same index with and without worker threads, and in-thread for a small tree', async () => {
    const results = [];
    for (const [workers, inThreadMaxFiles] of [[0, 0], [2, 0], [2, 10_000]]) {
      const host = new NodeHost(root, { workers, inThreadMaxFiles });
      try {
        const index = new WorkspaceIndex(host, { maxFileSize: 2048 });
        await index.build();
        results.push({
          files: index.files(),
          entries: [...index.allEntries()].map(([f, e]) => [f, e.tags, e.markers, e.malformed]).sort(),
          skipped: index.skipped(),
        });
      } finally {
        host.dispose();
      }
    }
    assert.deepEqual(results[0], results[1]);
    assert.deepEqual(results[0], results[2]);
    const r = results[0];
    assert.ok(!r.files.includes('dist/out.js'));
    assert.equal(r.files.length, 1 + 3 + 2 + 600);
    assert.deepEqual(r.skipped, { binary: 1, tooLarge: 1, minified: 0, unreadable: 0, unsupported: 1 });
    assert.equal(r.entries.length, 2 + 12);
  });

  it('shares a deep tree out in slices (nested ignore files travel with them) and builds the same index every way', async () => {
    const deep = fs.mkdtempSync(path.join(os.tmpdir(), 'il-nodehost-deep-'));
    try {
      fs.mkdirSync(path.join(deep, '.git/info'), { recursive: true });
      fs.writeFileSync(path.join(deep, '.gitignore'), '*.log\n/top/*/gen/\n');
      // 24 × 30 folders, two levels deeper each: more than the first slice and a worker's slice.
      for (let a = 0; a < 24; a++) {
        const pkg = path.join(deep, 'top', `p${a}`);
        fs.mkdirSync(path.join(pkg, 'gen'), { recursive: true });
        fs.writeFileSync(path.join(pkg, 'gen', 'out.ts'), '// TODO generated, ignored by the root rule\n');
        fs.writeFileSync(path.join(pkg, '.gitignore'), a % 2 === 0 ? 'skip-*.ts\n!skip-kept.ts\n' : '');
        for (let b = 0; b < 30; b++) {
          const dir = path.join(pkg, `m${b}`, 'src');
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, 'a.ts'), b % 7 === 0 ? `// @intent kr:p${a} -- m${b}\nexport const x = 1;\n` : 'export const y = 2;\n');
          fs.writeFileSync(path.join(dir, 'skip-me.ts'), '// TODO only where the package does not ignore it\n');
          fs.writeFileSync(path.join(dir, 'skip-kept.ts'), '// FIXME always listed\n');
          fs.writeFileSync(path.join(dir, 'run.log'), 'TODO ignored\n');
          // Decided from the path alone (never read): recorded as skipped by whichever thread lists it.
          fs.writeFileSync(path.join(dir, 'icon.png'), 'TODO not code\n');
        }
      }
      const results = [];
      // inThreadMaxFiles below the tree's size: the workers read what the calling thread lists, and walk subtrees
      // when it cannot list fast enough for them (more likely with three).
      for (const options of [{ workers: 0 }, { workers: 1, inThreadMaxFiles: 0 }, { workers: 2, inThreadMaxFiles: 100 }, { workers: 2, callerScans: false, inThreadMaxFiles: 0 }, { workers: 3, inThreadMaxFiles: 0 }, { workers: 1 }]) {
        const host = new NodeHost(deep, options);
        try {
          const index = new WorkspaceIndex(host);
          await index.build();
          results.push({ files: [...index.files()].sort(), entries: [...index.allEntries()].map(([f, e]) => [f, e.tags.length, e.markers.length]).sort(), dirs: host.lastWalk.dirs, ignored: host.lastWalk.ignoredDirs + host.lastWalk.ignoredFiles, skipped: index.skipped() });
        } finally {
          host.dispose();
        }
      }
      for (const r of results.slice(1)) assert.deepEqual(r, results[0]);
      const r = results[0];
      // Per package: 30 × (a.ts, skip-kept.ts, icon.png) always, skip-me.ts only in odd packages, its .gitignore; the root
      // .gitignore; gen/ and *.log never.
      assert.equal(r.files.length, 24 * 30 * 3 + 12 * 30 + 24 + 1);
      assert.equal(r.skipped.unsupported, 24 * 30 + 24 + 1); // the icons and the .gitignore files
      assert.ok(!r.files.some((f) => f.includes('/gen/') || f.endsWith('.log')));
      assert.equal(r.dirs, 1 + 1 + 24 + 24 * 30 * 2);
      assert.equal(r.entries.filter(([, tags]) => tags === 1).length, 24 * 5);
    } finally {
      fs.rmSync(deep, { recursive: true, force: true });
    }
  });

  it('reads inside the root only and reports gone files as undefined', async () => {
    const host = new NodeHost(root, { workers: 0 });
    assert.equal(new TextDecoder().decode(await host.read('src/c.go')), 'package c\n');
    assert.equal(await host.read('../etc/passwd'), undefined);
    assert.equal(await host.read('/etc/passwd'), undefined);
    assert.equal(await host.read('missing.ts'), undefined);
    assert.equal(await host.size('src/c.go'), 10);
    assert.equal(await host.size('missing.ts'), undefined);
    const outcomes = await host.scanFiles(['missing.ts', '../x.ts', 'src/b.py'], {});
    assert.deepEqual(outcomes.map((o) => o.kind), ['skipped', 'skipped', 'hit']);
  });

  it('rescans a file deleted after listing as unreadable, without throwing', async () => {
    const host = new NodeHost(root, { workers: 2 });
    try {
      const index = new WorkspaceIndex(host);
      fs.writeFileSync(path.join(root, 'temp.ts'), '// TODO\n');
      await index.build();
      assert.equal(index.entry('temp.ts')!.markers.length, 1);
      fs.rmSync(path.join(root, 'temp.ts'));
      await index.update(['temp.ts']);
      assert.equal(index.skipReason('temp.ts'), 'unreadable');
      assert.equal(index.entry('temp.ts'), undefined);
    } finally {
      host.dispose();
    }
  });
});
