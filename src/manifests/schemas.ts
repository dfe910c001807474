/**
 * The JSON Schemas in `schemas/` are the single source of truth for manifest shape (docs/style.md 5).
 * This module loads them once and compiles one ajv validator per kind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { UpdopsError } from '../errors.js';
import precompiled from './validators.generated.cjs';

export const KIND_SCHEMA_FILES = {
  Group: 'group.json',
  UpdateSource: 'update-source.json',
  Task: 'task.json',
  Notification: 'notification.json',
  Rollout: 'rollout.json',
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

/**
 * The options the manifest validators are compiled with, ahead of time: `scripts/generated-files.ts`
 * compiles every kind with ajv's standalone code into validators.generated.cjs, so a process does
 * not spend ~0.3 s compiling schemas at start.
 */
export const AJV_OPTIONS = { allErrors: true, discriminator: true, strict: true, strictRequired: false, verbose: true } as const;
export const AJV_FORMATS = ['date', 'date-time', 'uri', 'email'] as const;
export const SCHEMA_FILES: readonly string[] = ALL_FILES;

const compiled = precompiled as unknown as Partial<Record<ManifestKind, ValidateFunction>>;

export function validatorFor(kind: ManifestKind): ValidateFunction {
  // Every kind is in the generated module (test/manifests/generated.test.ts keeps it current).
  const validate = compiled[kind];
  if (!validate) throw new UpdopsError('INTERNAL', `no compiled validator for ${kind}; run npm run gen`);
  return validate;
}
