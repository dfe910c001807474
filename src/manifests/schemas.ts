/**
 * The JSON Schemas in `schemas/` are the single source of truth for manifest shape (docs/style.md 5).
 * This module loads them once and compiles one ajv validator per kind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const KIND_SCHEMA_FILES = {
  Group: 'group.json',
  UpdateSource: 'update-source.json',
  Task: 'task.json',
  Notification: 'notification.json',
} as const;

export type ManifestKind = keyof typeof KIND_SCHEMA_FILES;
export const MANIFEST_KINDS = Object.keys(KIND_SCHEMA_FILES) as ManifestKind[];
export const API_VERSION = 'updops/v1';

/** src/manifests and dist/manifests are both two levels below the package root. */
export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');
const SHARED_FILES = ['defs.json'] as const;

export function readSchemaFile(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
}

export function isManifestKind(value: unknown): value is ManifestKind {
  return typeof value === 'string' && Object.hasOwn(KIND_SCHEMA_FILES, value);
}

const ALL_FILES = [...SHARED_FILES, ...Object.values(KIND_SCHEMA_FILES)];
let parsedFiles: Map<string, Record<string, unknown>> | undefined;

/**
 * Resolves a `$ref` seen in an ajv error's schema. The error does not say which file the schema
 * came from, so a local `#/…` ref is looked up in each schema file; definition names are unique
 * across the files (on the error path only, so the files are read lazily).
 */
export function resolveSchemaRef(ref: string): Record<string, unknown> | undefined {
  parsedFiles ??= new Map(ALL_FILES.map((f) => [f, readSchemaFile(f)]));
  const [target = '', pointer = ''] = ref.split('#');
  const candidates = target === '' ? [...parsedFiles.values()] : [parsedFiles.get(target)];
  for (const doc of candidates) {
    let node: unknown = doc;
    for (const segment of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown> | undefined)?.[segment];
    if (node !== null && typeof node === 'object') return node as Record<string, unknown>;
  }
  return undefined;
}

let validators: Map<ManifestKind, ValidateFunction> | undefined;

export function validatorFor(kind: ManifestKind): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true, strictRequired: false, verbose: true });
    addFormats.default(ajv, ['date', 'date-time', 'uri', 'email']);
    for (const file of ALL_FILES) ajv.addSchema(readSchemaFile(file));
    validators = new Map(MANIFEST_KINDS.map((k) => [k, ajv.getSchema(KIND_SCHEMA_FILES[k])!]));
  }
  return validators.get(kind)!;
}
