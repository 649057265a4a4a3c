// Lint: the folder boundaries of STYLE.md, enforced. src/core is host-free (no vscode, no node:*).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'demo/**', 'test/fixtures/**', 'out/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is host-free: the same core runs the extension, the CLI and the tests.' }],
        patterns: [
          { group: ['node:*'], message: 'src/core is host-free: ask the WorkspaceHost instead of node:*.' },
          { group: ['fs', 'path', 'os', 'child_process', 'fs/*'], message: 'src/core is host-free: use the WorkspaceHost and src/core/paths.' },
          { group: ['**/vscode/**', '**/node/**', '**/cli/**'], message: 'src/core must not import the hosts.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
