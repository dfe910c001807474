/**
 * YAML text of manifests for tests, in the shape of docs/design.md "Manifest shape": block style at
 * the top, one flow mapping per distribution point, device, scope, settings and schedule — as
 * people write them, times quoted. Each document starts with `---`, so texts concatenate into one file.
 * Defaults are the smallest valid manifest; pass only what a test is about.
 */
import { Document, isMap, isSeq, visit } from 'yaml';

export type Os = 'windows' | 'linux' | 'macos';

export interface DistributionPointSpec {
  name: string;
  /** Default windows: the only OS that runs download tasks. */
  os?: Os;
  repository: string;
  address?: string;
  updateTask?: string;
}

export interface DeviceSpec {
  name: string;
  /** Default windows. */
  os?: Os;
  labels?: Record<string, string>;
  license?: { expires: string };
}

export interface GroupSpec {
  description?: string;
  parent?: string;
  distributionPoints?: DistributionPointSpec[];
  devices?: DeviceSpec[];
}

export interface SourceSpec {
  /** Default vendor. */
  type?: 'vendor' | 'upstream' | 'http' | 'ftp' | 'folder';
  url: string;
  /** Default keys/vendor-root.json, where the test worlds copy the vendor's root. */
  trustRoot?: string | null;
  timeoutSeconds?: number;
  secretRef?: { env: string } | { file: string };
  proxy?: unknown;
  caFile?: string;
  bandwidth?: unknown;
}

export interface TaskSpec {
  /** Default DownloadUpdatesToDistributionPoints. */
  type?: 'DownloadUpdatesToDistributionPoints' | 'Update';
  scope: { group: string; includeSubgroups?: boolean; selector?: { matchLabels: Record<string, string> } } | { devices: string[] } | { selector: { matchLabels: Record<string, string> } };
  /** Default for download tasks: sources [vendor]. */
  settings?: Record<string, unknown>;
  /** Default manual. */
  schedule?: Record<string, unknown> & { kind: string };
  runMissed?: boolean;
  randomDelay?: { minutes: number } | { automatic: true };
}

/** Any manifest: top level and spec in block style, everything below in flow style. */
export function manifestYaml(kind: string, name: string, spec: object): string {
  const doc = new Document({ apiVersion: 'updops/v1', kind, metadata: { name }, spec: dropUndefined(spec) });
  visit(doc, {
    Map(_key, node, path) {
      const depth = path.filter((p) => isMap(p) || isSeq(p)).length; // 1: metadata, spec; 2: spec.scope …
      if (depth === 1 ? node !== doc.get('spec', true) : depth >= 2) node.flow = true;
    },
    Scalar(_key, node) {
      // A YAML 1.1 reader takes a bare 18:00 for the number 1080; quoted, as docs/design.md writes it.
      if (typeof node.value === 'string' && /^\d+:\d\d(:\d\d)?$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Seq(_key, node, path) {
      const depth = path.filter((p) => isMap(p) || isSeq(p)).length;
      // A list of distribution points or devices stays a block list of flow mappings.
      if (depth !== 2 || !node.items.some((item) => isMap(item))) node.flow = true;
    },
  });
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

function dropUndefined(value: object): object {
  return JSON.parse(JSON.stringify(value)) as object;
}

function nameAndOsFirst<T extends { name: string; os?: Os }>({ name, os = 'windows', ...rest }: T): object {
  return { name, os, ...rest };
}

export function groupYaml(name: string, spec: GroupSpec = {}): string {
  return manifestYaml('Group', name, {
    ...spec,
    distributionPoints: spec.distributionPoints?.map(nameAndOsFirst),
    devices: spec.devices?.map(nameAndOsFirst),
  });
}

export function sourceYaml(name: string, spec: SourceSpec): string {
  const { trustRoot = 'keys/vendor-root.json', ...rest } = spec;
  return manifestYaml('UpdateSource', name, { type: 'vendor', ...rest, ...(trustRoot === null ? {} : { trustRoot }) });
}

export function taskYaml(name: string, spec: TaskSpec): string {
  const type = spec.type ?? 'DownloadUpdatesToDistributionPoints';
  const settings = spec.settings ?? (type === 'DownloadUpdatesToDistributionPoints' ? { sources: ['vendor'] } : undefined);
  return manifestYaml('Task', name, { type, scope: spec.scope, settings, schedule: spec.schedule ?? { kind: 'manual' }, runMissed: spec.runMissed, randomDelay: spec.randomDelay });
}
