// Typed lint rules (docs/style.md 12): type-aware checks over src, tests, benches and scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';

/**
 * Layers (docs/architecture.md "Layers"): each folder of src/ may import only the folders
 * eslint.layers.json allows, and those only through their entry file (index.js).
 */
const { layers } = JSON.parse(readFileSync(new URL('./eslint.layers.json', import.meta.url), 'utf8'));
const folders = Object.keys(layers);
const layerRules = folders.map((folder) => {
  const allowed = layers[folder];
  const forbidden = folders.filter((f) => f !== folder && !allowed.includes(f));
  const patterns = [
    ...(forbidden.length ? [{ regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message: `src/${folder} may not import this layer (eslint.layers.json, docs/architecture.md "Layers").` }] : []),
    ...(allowed.length ? [{ regex: `^(\\.\\./)+(${allowed.join('|')})/(?!index\\.js$)`, message: 'import another folder of src/ through its entry file (index.js).' }] : []),
  ];
  return { files: [`src/${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tap/**', 'coverage/**', 'bin/**', 'eslint.config.js', 'src/**/*.generated.ts', 'src/**/*.generated.cjs', 'tap-snapshots/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  ...layerRules,
  {
    // tap's t.test() returns a promise that tap itself tracks; tests and scripts may use `any` for fixtures.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
