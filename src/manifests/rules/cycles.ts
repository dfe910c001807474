/**
 * Cycles in a graph where each node has at most one successor (group → parent, task → the task it
 * follows). Each node is walked once (linear even for a 3,000-deep chain); each cycle is returned
 * once, starting at its member that comes first in `nodes` order, following the successors.
 */
export function findCycles(nodes: readonly string[], next: (node: string) => string | undefined): string[][] {
  const order = new Map(nodes.map((n, i) => [n, i]));
  const settled = new Set<string>();
  const cycles: string[][] = [];
  for (const start of nodes) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = start;
    while (current !== undefined && order.has(current) && !settled.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = next(current);
    }
    path.forEach((n) => settled.add(n));
    if (current === undefined || !onPath.has(current)) continue;
    const cycle = path.slice(path.indexOf(current));
    const first = cycle.reduce((best, n, i) => (order.get(n)! < order.get(cycle[best]!)! ? i : best), 0);
    cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
  }
  return cycles;
}
