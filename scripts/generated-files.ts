import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { AJV_FORMATS, AJV_OPTIONS, KIND_SCHEMA_FILES, SCHEMA_FILES } from '../src/manifests/schemas.js';
import { renderManifestReference } from './manifest-reference.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'schemas');
// The kinds' schema files, as the validator knows them: a new kind needs no second list here.
const KIND_FILES = Object.values(KIND_SCHEMA_FILES);

export interface GeneratedFile {
  path: string;
  content: string;
}

function readSchema(file: string): JSONSchema {
  return JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as JSONSchema;
}

async function renderTypes(): Promise<string> {
  // One compile over a wrapper that names every kind, so shared definitions are declared once.
  const wrapper: JSONSchema = {
    title: 'Manifest',
    description: 'Any updops manifest.',
    oneOf: KIND_FILES.map((file) => ({ $ref: file })),
  };
  // Defaults written beside a $ref would make the generator declare a second copy of the type.
  const cwd = mkdtempSync(path.join(tmpdir(), 'updops-gen-'));
  for (const file of ['defs.json', ...KIND_FILES]) writeFileSync(path.join(cwd, file), JSON.stringify(withoutRefSiblings(readSchema(file))));
  const types = await compile(wrapper, 'Manifest', {
    cwd,
    bannerComment: '// Generated from schemas/*.json by `npm run gen`. Do not edit.',
    additionalProperties: false,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
  });
  rmSync(cwd, { recursive: true, force: true });
  return types;
}

function withoutRefSiblings(node: unknown): any {
  if (Array.isArray(node)) return node.map(withoutRefSiblings);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([k, v]) => [k, withoutRefSiblings(v)] as const);
  const hasRef = entries.some(([k]) => k === '$ref');
  return Object.fromEntries(hasRef ? entries.filter(([k]) => k === '$ref') : entries);
}

/**
 * Every kind's validator as ajv's standalone code (CommonJS: ajv emits `require` of its runtime
 * helpers), exported under the kind's name. The formats come from ajv-formats at run time.
 */
function renderValidators(): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, lines: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  addFormats.default(ajv, [...AJV_FORMATS]);
  for (const file of SCHEMA_FILES) ajv.addSchema(readSchema(file));
  const code = standaloneCode.default(ajv, Object.fromEntries(Object.entries(KIND_SCHEMA_FILES)));
  return `// @ts-nocheck\n// Generated from schemas/*.json by \`npm run gen\` (ajv standalone code). Do not edit.\n${code}\n`;
}

export async function renderGeneratedFiles(): Promise<GeneratedFile[]> {
  const schemas = Object.fromEntries(['defs.json', ...KIND_FILES].map((f) => [f, readSchema(f)]));
  return [
    { path: path.join(root, 'src/manifests/types.generated.ts'), content: await renderTypes() },
    { path: path.join(root, 'docs/manifest-reference.md'), content: renderManifestReference(schemas) },
    { path: path.join(root, 'src/manifests/validators.generated.cjs'), content: renderValidators() },
  ];
}
