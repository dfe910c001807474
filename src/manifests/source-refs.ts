/**
 * How a task's `sources` entries resolve (docs/design.md 1): by UpdateSource name; `vendor` is the
 * source named `vendor`, or else the only source of type `vendor`; `distributionPoint` (Update
 * tasks only) is the device's own distribution point.
 */
import type { LoadedManifest } from './document.js';
import type { ConfigModel } from './model.js';
import type { UpdateSource } from './types.generated.js';

export const DISTRIBUTION_POINT_SOURCE = 'distributionPoint';
export const VENDOR_SOURCE = 'vendor';

export type SourceResolution<S> = { kind: 'source'; source: S } | { kind: 'distributionPoint' } | { kind: 'missing'; reason: string };

/** Resolution over any map of sources by name (loaded manifests, or objects recorded in state). */
export function resolveSourceName<S>(sources: ReadonlyMap<string, S>, typeOf: (s: S) => string, ref: string, taskType: string): SourceResolution<S> {
  const named = sources.get(ref);
  if (named) return { kind: 'source', source: named };
  if (ref === DISTRIBUTION_POINT_SOURCE) {
    return taskType === 'Update' ? { kind: 'distributionPoint' } : { kind: 'missing', reason: `"${DISTRIBUTION_POINT_SOURCE}" is a source only for Update tasks` };
  }
  if (ref === VENDOR_SOURCE) {
    const vendors = [...sources.entries()].filter(([, s]) => typeOf(s) === 'vendor');
    if (vendors.length === 1) return { kind: 'source', source: vendors[0]![1] };
    const reason =
      vendors.length === 0
        ? 'no UpdateSource is named "vendor" and none has type: vendor'
        : `no UpdateSource is named "vendor" and ${vendors.length} have type: vendor (${vendors.map(([n]) => n).join(', ')}); name one of them`;
    return { kind: 'missing', reason };
  }
  const known = [...sources.keys()];
  return { kind: 'missing', reason: `UpdateSource "${ref}" is not defined${known.length ? ` (defined: ${known.join(', ')})` : ''}` };
}

export function resolveSourceRef(model: ConfigModel, ref: string, taskType: string): SourceResolution<LoadedManifest<UpdateSource>> {
  return resolveSourceName(model.sources, (s) => s.manifest.spec.type, ref, taskType);
}
