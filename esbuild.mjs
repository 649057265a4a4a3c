// One build script, several bundles: the extension (CommonJS, vscode external), the CLI (Node 20+),
// and the generated JSON Schema for intent.yaml. Type-checking is separate (`tsc --noEmit`).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { INTENT_LENS_VERSION: JSON.stringify(pkg.version) },
};

const builds = [];
if (existsSync('src/vscode/extension.ts')) {
  builds.push({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
}
if (existsSync('src/cli/main.ts')) {
  builds.push({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
}

mkdirSync('dist', { recursive: true });
if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // The JSON Schema for intent.yaml is generated from the same zod schema the core validates with.
  if (existsSync('src/core/manifest/jsonSchema.ts')) {
    const out = 'dist/schema-gen.cjs';
    await esbuild.build({ ...common, sourcemap: false, entryPoints: ['src/core/manifest/jsonSchema.ts'], outfile: out });
    const { manifestJsonSchema } = await import(new URL(out, import.meta.url).href);
    writeFileSync('dist/intent.schema.json', JSON.stringify(manifestJsonSchema(), null, 2) + '\n');
  }
}
