import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { renderManifestReference } from './manifest-reference.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'schemas');
const KIND_FILES = ['group.json', 'update-source.json', 'task.json'] as const;

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
  const types = await compile(wrapper, 'Manifest', {
    cwd: schemaDir,
    bannerComment: '/* eslint-disable */\n// Generated from schemas/*.json by `npm run gen`. Do not edit.',
    additionalProperties: false,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
  });
  return types;
}

export async function renderGeneratedFiles(): Promise<GeneratedFile[]> {
  const schemas = Object.fromEntries(['defs.json', ...KIND_FILES].map((f) => [f, readSchema(f)]));
  return [
    { path: path.join(root, 'src/manifests/types.generated.ts'), content: await renderTypes() },
    { path: path.join(root, 'docs/manifest-reference.md'), content: renderManifestReference(schemas) },
  ];
}
