/**
 * Turns ajv's errors into problems a person can act on: one per real mistake, pointing at the
 * offending key or value, with the allowed values or a "did you mean" where that helps.
 */
import type { ErrorObject } from 'ajv';
import type { Problem } from '../errors.js';
import { joinPointer, type Locator } from './positions.js';
import { resolveSchemaRef } from './schemas.js';

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(name: string, candidates: string[]): string {
  const best = candidates
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? `; did you mean "${best.c}"?` : '';
}

function propertiesOf(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

/** A `oneOf` branch, or the schema its `$ref` points to (the schedule kinds are all refs). */
function derefBranch(branch: unknown): unknown {
  const ref = (branch as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' ? (resolveSchemaRef(ref) ?? {}) : branch;
}

function describeBranch(branch: unknown): string {
  const b = derefBranch(branch) as { title?: string; required?: string[]; properties?: Record<string, unknown> };
  const fields = Object.keys(b.properties ?? {}).map((p) => (b.required?.includes(p) ? p : `${p}?`));
  return `${b.title ? `${b.title} ` : ''}{${fields.join(', ')}}`;
}

const TYPE_NAMES: Record<string, string> = { integer: 'a whole number', number: 'a number', string: 'a string', boolean: 'true or false', object: 'a mapping', array: 'a list', null: 'empty' };

const FORMAT_HINTS: Record<string, string> = {
  date: 'a date like 2027-06-30',
  'date-time': 'a date-time with offset like 2026-12-01T18:00:00+01:00',
  uri: 'an absolute URL',
};

function describe(error: ErrorObject): { message: string; pointer: string; atKey: boolean } {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return { message: `missing required field "${String(p.missingProperty)}"`, pointer: at, atKey: false };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const allowed = propertiesOf(error.parentSchema);
      return { message: `unknown field "${name}"${suggestion(name, allowed)} (allowed: ${allowed.join(', ')})`, pointer: joinPointer(at, name), atKey: true };
    }
    case 'enum':
      return { message: `must be one of ${quoteList(p.allowedValues as unknown[])}`, pointer: at, atKey: false };
    case 'const':
      return { message: `must be ${JSON.stringify(p.allowedValue)}`, pointer: at, atKey: false };
    case 'type':
      return { message: `must be ${String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`, pointer: at, atKey: false };
    case 'format':
      return { message: `must be ${FORMAT_HINTS[String(p.format)] ?? String(p.format)}`, pointer: at, atKey: false };
    case 'pattern':
      return { message: `has an invalid form (expected to match ${String(p.pattern)})`, pointer: at, atKey: false };
    case 'discriminator': {
      const tag = String(p.tag);
      const options = ((error.parentSchema as { oneOf?: unknown[] } | undefined)?.oneOf ?? [])
        .map(derefBranch)
        .map((b) => (b as { properties?: Record<string, { const?: unknown }> } | undefined)?.properties?.[tag]?.const)
        .filter((v) => v !== undefined);
      const message = p.error === 'tag' ? `missing "${tag}"` : `unknown ${tag}; must be one of ${quoteList(options)}`;
      return { message, pointer: p.error === 'tag' ? at : joinPointer(at, tag), atKey: false };
    }
    case 'oneOf': {
      const branches = (error.schema as unknown[]).map(describeBranch).join(' or ');
      return { message: `must be exactly one of: ${branches}`, pointer: at, atKey: false };
    }
    default:
      return { message: error.message ?? `fails ${error.keyword}`, pointer: at, atKey: false };
  }
}

/** Errors under a failed oneOf describe branches the user did not mean; the oneOf summary replaces them. */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  return errors.filter((e) => {
    if (e.keyword === 'oneOf') return true;
    return !oneOfs.some((o) => e.schemaPath.startsWith(`${o.schemaPath}/`) && (e.instancePath + '/').startsWith(o.instancePath + '/'));
  });
}

/**
 * A tag with both an `enum` and a `discriminator` (Task `spec.type`) fails both for one wrong
 * value; the enum error already lists the allowed values, so the discriminator's is dropped.
 */
function withoutRepeatedTagErrors(errors: ErrorObject[]): ErrorObject[] {
  const enumAt = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  return errors.filter((e) => {
    if (e.keyword !== 'discriminator' || (e.params as { error?: string }).error !== 'mapping') return true;
    return !enumAt.has(joinPointer(e.instancePath, String((e.params as { tag?: unknown }).tag)));
  });
}

/** `must match "then" schema` only repeats the error inside the then/else branch, which says what is wrong and where. */
function withoutConditionSummaries(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== 'if');
}

export function schemaProblems(errors: ErrorObject[], locator: Locator, skipPointers: ReadonlySet<string>): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of withoutConditionSummaries(withoutRepeatedTagErrors(withoutBranchNoise(errors)))) {
    const { message, pointer, atKey } = describe(error);
    if ([...skipPointers].some((s) => pointer === s || pointer.startsWith(`${s}/`))) continue;
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const location = atKey ? locator.locateKey(pointer) : locator.locate(pointer);
    problems.push({ code: 'SCHEMA', message, location });
  }
  return problems;
}
