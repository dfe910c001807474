import { UpdopsError } from '../errors.js';
import { KIND_SCHEMA_FILES, MANIFEST_KINDS, readSchemaFile } from '../manifests/index.js';

/** `updops schema [KIND]`: prints the JSON Schema of one kind, or all of them keyed by file name. */
export async function schemaCommand(options: { kind: string | undefined }): Promise<number> {
  if (options.kind === undefined) {
    const all = Object.fromEntries(['defs.json', ...Object.values(KIND_SCHEMA_FILES)].map((f) => [f, readSchemaFile(f)]));
    process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    return 0;
  }
  const kind = MANIFEST_KINDS.find((k) => k.toLowerCase() === options.kind?.toLowerCase());
  if (!kind) throw new UpdopsError('USAGE', `unknown kind "${options.kind}"; expected one of ${MANIFEST_KINDS.join(', ')}`);
  process.stdout.write(`${JSON.stringify(readSchemaFile(KIND_SCHEMA_FILES[kind]), null, 2)}\n`);
  return 0;
}
