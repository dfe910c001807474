/**
 * docs/design.md 1 "Update sources": credentials come from `secretRef` and are never printed;
 * docs/design.md 2: "Secrets are always shown as (sensitive)". Acceptance 6: the value appears in no
 * plan output (text, Markdown, JSON), no apply output and nowhere in the state.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { sourceYaml } from '../helpers/manifests.js';
import { serveFtp } from '../repository/helpers/ftp-server.js';
import { NOW, STACK_FRAME, makeWorld } from './helpers/world.js';

const SECRET = 'S3cretValue';

void t.test('acceptance 6: an FTP source secret appears in no output and nowhere in the state', async (t) => {
  const w = await makeWorld(t);
  const ftp = await serveFtp(w.vendor.repo, { username: 'mirror-user', password: SECRET });
  t.teardown(() => ftp.close());
  w.write('sources/ftp.yaml', sourceYaml('ftp-mirror', { type: 'ftp', url: ftp.url, secretRef: { env: 'FTP_CREDENTIALS' }, timeoutSeconds: 5 }));
  const tasks = path.join(w.config, 'tasks/download.yaml');
  writeFileSync(tasks, readFileSync(tasks, 'utf8').replace(/(name: Download branch-b}[\s\S]*?)sources: \[vendor\]/, '$1sources: [ftp-mirror]'));
  w.commit('Branch b downloads from the FTP mirror');
  const good = { FTP_CREDENTIALS: `mirror-user:${SECRET}` };
  const outputs: string[] = [];
  const cli = async (args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> => {
    const res = await w.cli(args, { env });
    outputs.push(res.stdout, res.stderr);
    t.notMatch(res.stderr, STACK_FRAME);
    return res;
  };

  await t.test('plan in every format and apply through the FTP mirror never show the secret', async (t) => {
    for (const format of ['text', 'markdown', 'json']) {
      const res = await cli(['plan', ...w.common, '--now', NOW, '--format', format], good);
      t.equal(res.code, 0, format);
      t.match(res.stdout, /ftp-mirror/, `${format}: the source is in the plan`);
    }
    const json = JSON.parse(outputs[4]!) as { changes: { name: string; diff: { path: string; after?: { secretRef?: unknown } }[] }[] };
    const source = json.changes.find((c) => c.name === 'ftp-mirror');
    t.equal(source?.diff.find((d) => d.path === '/spec')?.after?.secretRef, '(sensitive)', 'even the reference is (sensitive)');
    const applied = await cli(['apply', ...w.common, '--now', NOW], good);
    t.equal(applied.code, 0, applied.stdout);
    t.match(applied.stdout, /done: \d+ files, .* from ftp-mirror/, 'dp-b synced through the FTP mirror with the credentials');
    t.same(await w.identicalToVendor('dp-b'), []);
  });

  await t.test('a rejected login (the env holds a wrong password containing the secret) is reported without it', async (t) => {
    // dp-b drifts so the sync runs, and fails at the login.
    const dir = path.join(w.dps['dp-b'], 'targets', 'databases', 'kes');
    rmSync(path.join(dir, readdirSync(dir).find((f) => f.endsWith('.daily.avc'))!));
    const wrong = { FTP_CREDENTIALS: `mirror-user:${SECRET}-wrong` };
    const planned = await cli(['plan', ...w.common, '--now', NOW, '--format', 'json'], wrong);
    t.equal(planned.code, 0);
    const applied = await cli(['apply', ...w.common, '--now', NOW], wrong);
    t.equal(applied.code, 1, 'the sync failed');
    t.match(applied.stdout, /failed: dp-b/);
  });

  await t.test('nothing printed and nothing stored holds the secret', async (t) => {
    t.ok(outputs.length >= 10);
    outputs.forEach((text, i) => t.notOk(text.includes(SECRET), `output ${i} is free of the secret`));
    const dump = JSON.stringify(await w.dump());
    t.match(dump, /FTP_CREDENTIALS/, 'the reference is recorded');
    t.notOk(dump.includes(SECRET), 'store.dump() is free of the secret');
    t.match(dump, /"status":"failed"/, 'the failed run is recorded (its reason too)');
  });
});
