/**
 * Path parameters are decoded once and checked: traversal attempts (encoded, double-encoded,
 * backslashes, NUL) are refused with 4xx before the controller is asked for anything.
 */
import t from 'tap';
import { createApiServer } from '../../src/controller/api/index.js';
import { decodeParam, rawSegments } from '../../src/controller/api/paths.js';
import { fakeController } from './api-fake-controller.js';
import { TOKEN, auth, raw } from './api-request.js';

const RUN_ATTEMPTS = [
  '/api/runs/..%2f..%2fetc',
  '/api/runs/..%2F..%2Fetc%2Fpasswd',
  '/api/runs/%2e%2e',
  '/api/runs/%2e%2e%2f%2e%2e%2fetc',
  '/api/runs/..%252f..%252fetc',
  '/api/runs/%252e%252e',
  '/api/runs/..\\..\\etc',
  '/api/runs/..%5c..%5cetc',
  '/api/runs/../../etc/passwd',
  '/api/runs/..',
  '/api/runs/.',
  '/api/runs/a%00b',
  '/api/runs/%',
  '/api/../api/runs',
  '/api/runs/%2fetc%2fpasswd',
];

const TASK_ATTEMPTS = [
  '/api/tasks/..%2F/run',
  '/api/tasks/..%2f..%2f/run',
  '/api/tasks/%2e%2e/run',
  '/api/tasks/..%252F/run',
  '/api/tasks/..\\/run',
  '/api/tasks/a%5c..%5cb/run',
  '/api/tasks/../run',
  '/api/tasks/x%2f..%2f..%2fy/run',
  '/api/tasks/%00/run',
  '/api/tasks/%E0%A4%A/run',
];

void t.test('traversal attempts on GET /api/runs/:id → 4xx, nothing read', async (t) => {
  const fake = await fakeController();
  const api = await createApiServer(fake.controller, { token: TOKEN });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  for (const path of RUN_ATTEMPTS) {
    const res = await raw(api.url, 'GET', path);
    t.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`);
    t.ok(res.json?.error?.code, `${path} answers a JSON error`);
  }
  t.equal(fake.controller.calls.getRun, 0, 'getRun never called');
  t.equal(fake.controller.calls.listRuns, 0, 'listRuns never called');
});

void t.test('traversal attempts on POST /api/tasks/:name/run (with the token) → 4xx, nothing started', async (t) => {
  const fake = await fakeController();
  const api = await createApiServer(fake.controller, { token: TOKEN });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  for (const path of TASK_ATTEMPTS) {
    const res = await raw(api.url, 'POST', path, { headers: auth() });
    t.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`);
  }
  t.equal(fake.controller.calls.runTask, 0);
  t.same(await fake.controller.recorded(), { runs: 0, events: 0 });
});

void t.test('decodeParam keeps real task names, including spaces and a slash, and refuses escapes', async (t) => {
  t.equal(decodeParam('Download%20updates%20for%20Berlin'), 'Download updates for Berlin');
  t.equal(decodeParam('Nightly%2Fmirror'), 'Nightly/mirror');
  t.equal(decodeParam('caf%C3%A9'), 'café');
  for (const bad of ['..', '.', '..%2F', 'a%2F..%2Fb', '%2e%2e', 'a%5Cb', '%252e%252e', 'x%00', '%0a', '']) {
    t.throws(() => decodeParam(bad), { code: 'NOT_FOUND' }, bad);
  }
  t.throws(() => decodeParam('%E0%A4%A'), { code: 'BAD_REQUEST' });
});

void t.test('rawSegments: trailing slash tolerated, empty and dot segments and backslashes refused', async (t) => {
  t.same(rawSegments('/'), ['']);
  t.same(rawSegments('/api/runs/?limit=3'), ['api', 'runs']);
  for (const bad of ['//x', '/a//b', '/a/./b', '/a/../b', '/a\\b', 'relative', '*']) t.throws(() => rawSegments(bad), { code: 'NOT_FOUND' }, bad);
});
