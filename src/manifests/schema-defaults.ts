/**
 * Fills every `default` the JSON Schemas declare (docs/style.md 5: the schemas are the one source of
 * defaults). ajv's `useDefaults` skips `oneOf` branches, and nearly every interesting default
 * lives in one (schedule kinds, task types), so this walks the schema itself: a discriminated
 * `oneOf` picks the branch by its tag; a plain `oneOf` picks the branch whose required fields
 * are present and whose fields cover the value. Input must already be schema-valid.
 */
import { readSchemaFile } from './schemas.js';

type Schema = Record<string, unknown>;

const documents = new Map<string, Schema>();

function documentOf(file: string): Schema {
  let doc = documents.get(file);
  if (!doc) {
    doc = readSchemaFile(file);
    documents.set(file, doc);
  }
  return doc;
}

function resolve(schema: Schema, file: string): { schema: Schema; file: string } {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return { schema, file };
  const [target = '', pointer = ''] = ref.split('#');
  const targetFile = target === '' ? file : target;
  let node: unknown = documentOf(targetFile);
  for (const segment of pointer.split('/').filter(Boolean)) node = (node as Schema)[segment];
  return resolve(node as Schema, targetFile);
}

function fitsBranch(value: Record<string, unknown>, branch: Schema): boolean {
  const required = (branch.required as string[] | undefined) ?? [];
  const properties = (branch.properties as Schema | undefined) ?? {};
  return required.every((k) => k in value) && Object.keys(value).every((k) => k in properties);
}

function chooseBranch(value: unknown, schema: Schema, file: string): { schema: Schema; file: string } | undefined {
  const branches = (schema.oneOf as Schema[]).map((b) => resolve(b, file));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const tag = (schema.discriminator as { propertyName?: string } | undefined)?.propertyName;
  if (tag !== undefined) {
    return branches.find((b) => ((b.schema.properties as Schema | undefined)?.[tag] as Schema | undefined)?.const === record[tag]);
  }
  return branches.find((b) => fitsBranch(record, b.schema));
}

function fill(value: unknown, schemaIn: Schema, fileIn: string): unknown {
  let { schema, file } = resolve(schemaIn, fileIn);
  if (Array.isArray(schema.oneOf)) {
    const branch = chooseBranch(value, schema, file);
    if (!branch) return value;
    ({ schema, file } = branch);
  }
  if (Array.isArray(value)) {
    const items = schema.items as Schema | undefined;
    return items && !Array.isArray(items) ? value.map((v) => fill(v, items, file)) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (result[key] === undefined && 'default' in propertySchema) result[key] = structuredClone(propertySchema.default);
    if (result[key] !== undefined) result[key] = fill(result[key], propertySchema, file);
  }
  return result;
}

/** Returns a copy of `value` with every schema default filled in; `schemaFile` is e.g. `task.json`. */
export function applySchemaDefaults<T>(value: T, schemaFile: string): T {
  return fill(value, documentOf(schemaFile), schemaFile) as T;
}
