/**
 * Layers a newcomer can see (docs/architecture.md "Layers"): the folders of src/ import each
 * other only as eslint.layers.json allows, the folder graph has no cycle, and `npm run lint`
 * really fails on a forbidden cross-layer import planted in src/.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = path.join(ROOT, 'src');
const { layers } = JSON.parse(readFileSync(path.join(ROOT, 'eslint.layers.json'), 'utf8')) as { layers: Record<string, string[]> };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** folder → folders it imports (static and dynamic relative imports). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = path.relative(SRC, file).split(path.sep)[0]!;
    if (from.endsWith('.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const to = path.relative(SRC, path.resolve(path.dirname(file), m[1]!)).split(path.sep)[0]!;
      if (to === from || to.endsWith('.js') || to.startsWith('..')) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

t.test('every folder of src/ is a named layer', async (t) => {
  const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  t.same(folders, Object.keys(layers).sort());
});

t.test('every import between folders is one the layers allow', async (t) => {
  const graph = folderGraph();
  const disallowed = [...graph].flatMap(([from, tos]) => [...tos].filter((to) => !layers[from]?.includes(to)).map((to) => `${from} → ${to}`));
  t.same(disallowed, []);
});

t.test('no import cycle between folders', async (t) => {
  t.equal(findCycle(folderGraph())?.join(' → '), undefined);
  const planted = new Map(folderGraph());
  planted.set('state', new Set([...(planted.get('state') ?? []), 'runs']));
  t.ok(findCycle(planted), 'the check finds a planted cycle (state → runs → state)');
});

t.test('npm run lint fails on a forbidden cross-layer import planted in src/', async (t) => {
  const file = path.join(SRC, 'runs', `planted-forbidden-${process.pid}.ts`);
  writeFileSync(file, "import { createController } from '../controller/index.js';\nexport const planted = createController;\n");
  t.teardown(() => rmSync(file, { force: true }));
  const lint = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), path.relative(ROOT, file)], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
  t.equal(lint.status, 1, lint.stderr);
  t.match(lint.stdout, /no-restricted-imports/);
  t.match(lint.stdout, /src\/runs may not import this layer/);
});
