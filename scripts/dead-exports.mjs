#!/usr/bin/env node
// Lists the exports of src/ that nothing imports: a newcomer reads every export as live, so an export nobody
// uses is dead code (delete it, or drop `export` when its own file uses it). Uses the TypeScript compiler API
// on tsconfig.json: every import and re-export of src/, test/, bench/ and scripts/ counts as a use; the entry
// points the bundles and VS Code load are live by definition. Exits 1 when a src/ export is unused anywhere.
//
//   node scripts/dead-exports.mjs [--local] [--test-only]
// --local also lists exports only their own file uses (spare `export`s: not failures, since exported types
// document the signatures they appear in); --test-only also lists exports only tests import.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Loaded by name, not imported: VS Code calls activate/deactivate, the bundles run these files. */
const ENTRY_POINTS = new Set(['src/vscode/extension.ts', 'src/cli/main.ts', 'src/node/scanWorker.ts']);

const configPath = path.join(ROOT, 'tsconfig.json');
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, ROOT);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** module file → names imported from it (`*` for a namespace import or `export *`), with who imports them. */
const used = new Map();
const use = (target, name, from) => {
  let names = used.get(target);
  if (!names) used.set(target, (names = new Map()));
  let who = names.get(name);
  if (!who) names.set(name, (who = new Set()));
  who.add(from);
};

for (const source of program.getSourceFiles()) {
  if (source.isDeclarationFile || !rel(source.fileName).match(/^(src|test|bench|scripts)\//)) continue;
  const from = rel(source.fileName);
  const resolve = (specifier) => {
    const symbol = checker.getSymbolAtLocation(specifier);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    return decl && ts.isSourceFile(decl) ? rel(decl.fileName) : undefined;
  };
  ts.forEachChild(source, function visit(node) {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const target = resolve(node.moduleSpecifier);
      if (target) {
        if (ts.isImportDeclaration(node)) {
          const clause = node.importClause;
          if (clause?.name) use(target, 'default', from);
          const bindings = clause?.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) use(target, '*', from);
          if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) use(target, (el.propertyName ?? el.name).text, from);
        } else if (!node.exportClause) {
          use(target, '*', from);
        } else if (ts.isNamedExports(node.exportClause)) {
          for (const el of node.exportClause.elements) use(target, (el.propertyName ?? el.name).text, from);
        }
      }
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      const target = resolve(node.arguments[0]);
      if (target) use(target, '*', from);
    }
    ts.forEachChild(node, visit);
  });
}

/** True when the symbol is referenced in its own file other than where it is declared. */
function usedLocally(source, symbol) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declared = new Set((target.declarations ?? []).map((d) => d.name).filter(Boolean));
  let found = false;
  ts.forEachChild(source, function visit(node) {
    if (found) return;
    if (ts.isIdentifier(node) && !declared.has(node) && node.text === symbol.getName()) {
      const at = checker.getSymbolAtLocation(node);
      if (at === target || at === symbol || (at && at.flags & ts.SymbolFlags.Alias && checker.getAliasedSymbol(at) === target)) found = true;
    }
    ts.forEachChild(node, visit);
  });
  return found;
}

const dead = [];
const localOnly = [];
const testOnly = [];
for (const source of program.getSourceFiles()) {
  const file = rel(source.fileName);
  if (!file.startsWith('src/') || source.isDeclarationFile || ENTRY_POINTS.has(file)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) continue;
  const names = used.get(file) ?? new Map();
  if (names.has('*')) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const name = exported.getName();
    const who = names.get(name);
    if (!who) (usedLocally(source, exported) ? localOnly : dead).push(`${file}: ${name}`);
    else if ([...who].every((f) => f.startsWith('test/'))) testOnly.push(`${file}: ${name} (only ${[...who].join(', ')})`);
  }
}

if (process.argv.includes('--local')) {
  console.log(`exports of src/ only their own file uses (the export keyword is spare) (${localOnly.length}):`);
  for (const line of localOnly.sort()) console.log(`  ${line}`);
}
if (process.argv.includes('--test-only')) {
  console.log(`exports of src/ only tests import (${testOnly.length}):`);
  for (const line of testOnly.sort()) console.log(`  ${line}`);
}
if (dead.length) {
  console.log(`exports of src/ nothing imports (${dead.length}):`);
  for (const line of dead.sort()) console.log(`  ${line}`);
  process.exit(1);
}
console.log(`dead exports: none; ${localOnly.length} used only in their own file (--local lists them) (${program.getSourceFiles().filter((s) => rel(s.fileName).startsWith('src/')).length} files of src/ checked)`);
