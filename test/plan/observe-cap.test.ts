/**
 * The planner reads a source's timestamp with the cap sync uses (docs/design.md 3 "every download is
 * bounded"): a hostile source that answers with endless data cannot keep `updops plan` reading.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { groupYaml, sourceYaml, taskYaml } from '../controller/helpers/fixture.js';
import { endlessData, serveStatic } from '../repository/helpers/static-server.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/updops.js');

t.test('plan against a source whose timestamp never ends: a capped read and a warning, not a hang', async (t) => {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'updops-observe-cap-')));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const endless = endlessData('timestamp.json', 500_000_000);
  const server = await serveStatic(dir, endless.override);
  t.teardown(() => server.close());
  const config = path.join(dir, 'config');
  mkdirSync(path.join(config, 'keys'), { recursive: true });
  writeFileSync(path.join(config, 'keys', 'vendor-root.json'), '{}');
  writeFileSync(path.join(config, 'all.yaml'), groupYaml('hq', [{ name: 'dp-hq' }], (dp) => path.join(dir, dp)) + sourceYaml('vendor', server.url) + taskYaml('Download hq', { scope: '{group: hq}', schedule: '{kind: manual}' }));

  const started = Date.now();
  // Asynchronously: this process serves the endless source.
  const plan = await promisify(execFile)(process.execPath, [BIN, 'plan', '--config', config, '--state', path.join(dir, 'state.db')], { encoding: 'utf8', timeout: 60_000 });
  t.match(plan.stdout, /TUF_METADATA update source "vendor" cannot be used: .*larger than the 16384 bytes allowed/);
  t.ok(endless.sent() < 5_000_000, `the read stopped early (the server pushed ${endless.sent()} bytes)`);
  t.ok(Date.now() - started < 30_000, 'and plan finished');
});
