/** Defaults code needs before normalization (the cross-reference rules), read from the schemas. */
import { applySchemaDefaults } from './schema-defaults.js';

const sourcesByType = new Map<string, string[]>();

export function defaultSources(taskType: string): string[] {
  let sources = sourcesByType.get(taskType);
  if (!sources) {
    const filled = applySchemaDefaults({ kind: 'Task', spec: { type: taskType, scope: { group: '_' } } }, 'task.json') as {
      spec: { settings?: { sources?: string[] } };
    };
    sources = filled.spec.settings?.sources ?? [];
    sourcesByType.set(taskType, sources);
  }
  return sources;
}
