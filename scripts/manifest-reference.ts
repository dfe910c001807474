/**
 * Renders the manifest reference (docs/manifest-reference.md) from the JSON Schemas, so the
 * documentation cannot drift from what `updops validate` accepts (docs/style.md 5).
 */
type Schema = Record<string, any>;
type Schemas = Record<string, Schema>;

interface Row {
  field: string;
  type: string;
  required: boolean;
  defaultValue: string;
  description: string;
}

function resolve(schemas: Schemas, schema: Schema, file: string): { schema: Schema; file: string } {
  if (typeof schema.$ref !== 'string') return { schema, file };
  const [target = '', pointer = ''] = schema.$ref.split('#');
  const targetFile = target || file;
  let node: any = schemas[targetFile];
  for (const segment of pointer.split('/').filter(Boolean)) node = node[segment];
  return resolve(schemas, { ...node, ...(schema.default !== undefined ? { default: schema.default } : {}) }, targetFile);
}

function typeOf(schemas: Schemas, raw: Schema, file: string): string {
  const { schema } = resolve(schemas, raw, file);
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v: unknown) => `\`${String(v)}\``).join(' \\| ');
  if (schema.type === 'array') return `list of ${typeOf(schemas, schema.items ?? {}, file)}`;
  if (schema.oneOf && !schema.discriminator) return schema.oneOf.map((b: Schema) => typeOf(schemas, b, file)).join(' or ');
  if (schema.title && (schema.type === 'object' || schema.oneOf)) return schema.title;
  const base = String(schema.type ?? 'object');
  const limits = [schema.minimum !== undefined ? `≥ ${schema.minimum}` : '', schema.maximum !== undefined ? `≤ ${schema.maximum}` : '', schema.maxLength !== undefined ? `≤ ${schema.maxLength} chars` : '', schema.format ?? '']
    .filter(Boolean)
    .join(', ');
  return limits ? `${base} (${limits})` : base;
}

function clean(text: unknown): string {
  return (typeof text === 'string' ? text : '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function rowsOf(schemas: Schemas, raw: Schema, file: string, prefix: string, out: Row[], depth = 0): void {
  const { schema, file: at } = resolve(schemas, raw, file);
  if (depth > 6) return;
  const required = new Set<string>(schema.required ?? []);
  for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
    const field = `${prefix}${name}`;
    const { schema: resolved, file: propFile } = resolve(schemas, property, at);
    out.push({
      field: `\`${field}\``,
      type: typeOf(schemas, property, at),
      required: required.has(name),
      defaultValue: resolved.default === undefined ? '' : `\`${JSON.stringify(resolved.default)}\``,
      description: clean(resolved.description),
    });
    if (resolved.discriminator) continue; // rendered as its own section
    if (resolved.type === 'object' && resolved.properties) rowsOf(schemas, resolved, propFile, `${field}.`, out, depth + 1);
    if (resolved.type === 'array' && resolved.items) {
      const item = resolve(schemas, resolved.items, propFile);
      if (item.schema.properties) rowsOf(schemas, item.schema, item.file, `${field}[].`, out, depth + 1);
    }
    if (resolved.oneOf && !resolved.discriminator) {
      for (const branch of resolved.oneOf as Schema[]) {
        const b = resolve(schemas, branch, propFile);
        if (b.schema.properties) rowsOf(schemas, b.schema, b.file, `${field}.`, out, depth + 1);
      }
    }
  }
}

function table(rows: Row[]): string {
  const unique = rows.filter((r, i) => rows.findIndex((o) => o.field === r.field && o.type === r.type) === i);
  return [
    '| field | type | required | default | description |',
    '|---|---|---|---|---|',
    ...unique.map((r) => `| ${r.field} | ${r.type} | ${r.required ? 'yes' : ''} | ${r.defaultValue} | ${r.description} |`),
  ].join('\n');
}

function section(schemas: Schemas, title: string, schema: Schema, file: string, prefix = ''): string {
  const rows: Row[] = [];
  rowsOf(schemas, schema, file, prefix, rows);
  return `### ${title}\n\n${clean(schema.description)}\n\n${table(rows)}\n`;
}

function branches(schemas: Schemas, schema: Schema, file: string, heading: string, prefix: string): string[] {
  const tag = schema.discriminator.propertyName as string;
  return (schema.oneOf as Schema[]).map((raw) => {
    const b = resolve(schemas, raw, file);
    return section(schemas, `${heading} \`${tag}: ${b.schema.properties[tag].const}\``, b.schema, b.file, prefix);
  });
}

export function renderManifestReference(schemas: Schemas): string {
  const task = schemas['task.json']!;
  const defs = schemas['defs.json']!;
  const parts = [
    '# Manifest reference',
    '',
    'Generated from `schemas/*.json` by `npm run gen`; do not edit by hand. Every manifest has',
    '`apiVersion: updops/v1`, a `kind`, `metadata` (`name`, optional `labels`, `annotations`) and a `spec`.',
    'Editors complete and check manifests that start with `# yaml-language-server: $schema=<path to schemas/KIND.json>`.',
    '',
    '## Group',
    '',
    section(schemas, 'Group', schemas['group.json']!, 'group.json'),
    '## UpdateSource',
    '',
    section(schemas, 'UpdateSource', schemas['update-source.json']!, 'update-source.json'),
    '## Task',
    '',
    ...branches(schemas, task.properties.spec, 'task.json', 'Task with', 'spec.'),
    '## Notification',
    '',
    section(schemas, 'Notification', schemas['notification.json']!, 'notification.json'),
    ...branches(schemas, schemas['notification.json']!.properties.spec.properties.provider, 'notification.json', 'Provider', 'spec.provider.'),
    '## Schedules',
    '',
    'Times are wall-clock in `timeZone` and follow daylight saving time, except `dailyNoDst`.',
    '',
    ...branches(schemas, defs.definitions.schedule, 'defs.json', 'Schedule', 'schedule.'),
  ];
  return `${parts.join('\n').trimEnd()}\n`;
}
