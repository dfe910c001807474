/**
 * One module of defaults (docs/architecture.md "Defaults"): the JSON Schemas' `default`s, the
 * CLI's option defaults and the code's fallbacks are the same numbers. A schema default that
 * drifts from src/defaults.ts fails here.
 */
import { Command } from 'commander';
import t from 'tap';
import { registerCommands } from '../src/cli/commands.js';
import { DEFAULTS } from '../src/defaults.js';
import { readSchemaFile } from '../src/manifests/index.js';
import { SYNC_DEFAULTS } from '../src/repository/index.js';
import { UPDATE_DEFAULTS } from '../src/endpoint/index.js';

function at(doc: unknown, pointer: string): unknown {
  return pointer.split('/').filter(Boolean).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

function updateSettings(): Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }> {
  return at(readSchemaFile('task.json'), '/definitions/updateTaskSpec/properties/settings/properties') as Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }>;
}

t.test('the UpdateSource timeout default is DEFAULTS.sourceTimeoutSeconds, and sync uses it', async (t) => {
  t.equal(at(readSchemaFile('update-source.json'), '/properties/spec/properties/timeoutSeconds/default'), DEFAULTS.sourceTimeoutSeconds);
  t.equal(SYNC_DEFAULTS.timeoutSeconds, DEFAULTS.sourceTimeoutSeconds);
  t.equal(SYNC_DEFAULTS.concurrency, DEFAULTS.syncConcurrency);
});

t.test("the Update task's settings defaults are DEFAULTS.update, and the endpoint uses them", async (t) => {
  const settings = updateSettings();
  t.ok(settings, 'found the Update settings in task.json');
  t.equal(settings.applicationUpdateMode?.default, DEFAULTS.update.applicationUpdateMode);
  t.equal(settings.downloadDiffFiles?.default, DEFAULTS.update.downloadDiffFiles);
  t.equal(settings.outOfDateDays?.default, DEFAULTS.update.outOfDateDays);
  t.equal(settings.totallyOutOfDateDays?.default, DEFAULTS.update.totallyOutOfDateDays);
  t.equal(settings.healthCheck?.properties?.timeoutSeconds?.default, DEFAULTS.update.healthCheckTimeoutSeconds);
  t.same(UPDATE_DEFAULTS, DEFAULTS.update);
});

t.test("the CLI's option defaults are DEFAULTS", async (t) => {
  const program = new Command();
  registerCommands(program);
  const option = (command: string, flag: string): unknown => program.commands.find((c) => c.name() === command)?.options.find((o) => o.long === flag)?.defaultValue;
  t.equal(option('apply', '--max-deletes'), String(DEFAULTS.maxDeletes));
  t.equal(option('apply', '--concurrency'), String(DEFAULTS.runConcurrency));
  t.equal(option('controller', '--max-deletes'), String(DEFAULTS.maxDeletes));
  t.equal(option('controller', '--concurrency'), String(DEFAULTS.runConcurrency));
  t.equal(option('controller', '--poll'), `${DEFAULTS.pollMs / 1000}s`);
  t.equal(option('controller', '--listen'), DEFAULTS.listen);
  t.equal(option('agent', '--heartbeat'), `${DEFAULTS.heartbeatSeconds}s`);
  t.equal(option('sync', '--concurrency'), String(DEFAULTS.syncConcurrency));
  t.equal(option('sync', '--timeout'), String(DEFAULTS.sourceTimeoutSeconds));
});
