/**
 * Loads every `*.yaml` / `*.yml` file under a config directory (docs/design.md 2: desired state):
 * parse with positions, check each document's schema. Returns manifests and problems; the only
 * throw is for a directory that cannot be read at all.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UpdopsError, type Problem } from '../errors.js';
import { checkDocument, type LoadedManifest } from './document.js';
import { MANIFEST_LIMITS } from './limits.js';
import { parseManifestFile, type ParseOptions } from './parse.js';
import type { RejectedDocument } from './unchecked.js';

export interface LoadResult {
  manifests: LoadedManifest[];
  problems: Problem[];
  files: string[];
  /** Documents of a known kind that failed their schema (see unchecked.ts). */
  rejected?: RejectedDocument[];
}

const MANIFEST_FILE = /\.ya?ml$/i;

/** Hidden folders (.git, .updops) and node_modules never hold manifests. */
function skipDir(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export function listManifestFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    let listed;
    try {
      listed = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      throw new UpdopsError('FILE_READ', `cannot read folder ${current}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skipDir(entry.name)) walk(full);
      } else if (entry.isFile() && MANIFEST_FILE.test(entry.name) && !entry.name.startsWith('.')) {
        files.push(full);
        if (files.length > MANIFEST_LIMITS.maxFiles) {
          throw new UpdopsError('YAML_LIMIT', `more than ${MANIFEST_LIMITS.maxFiles} manifest files under ${dir}`);
        }
      }
    }
  };
  walk(dir);
  return files;
}

function assertDirectory(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UpdopsError('FILE_READ', `config directory ${dir} does not exist`);
  }
  if (!isDir) throw new UpdopsError('FILE_READ', `${dir} is not a directory; pass the folder that holds the manifests`);
}

export function loadManifestFiles(files: string[], options: ParseOptions = {}): LoadResult {
  const manifests: LoadedManifest[] = [];
  const problems: Problem[] = [];
  const rejected: RejectedDocument[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      problems.push({ code: 'FILE_READ', message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, location: { file, line: 1, col: 1 } });
      continue;
    }
    const parsed = parseManifestFile(file, bytes, options);
    problems.push(...parsed.problems);
    for (const doc of parsed.documents) {
      const checked = checkDocument(doc);
      problems.push(...checked.problems);
      if (checked.loaded) manifests.push(checked.loaded);
      if (checked.rejected) rejected.push(checked.rejected);
    }
  }
  return { manifests, problems, files, rejected };
}

/** The manifest files of a config directory; throws only when the directory cannot be read. */
export function configFiles(dir: string): string[] {
  assertDirectory(dir);
  return listManifestFiles(dir);
}

export function noManifests(dir: string): LoadResult {
  return { manifests: [], problems: [{ code: 'NO_MANIFESTS', message: `no *.yaml or *.yml files under ${dir}` }], files: [] };
}

export function loadConfigDir(dir: string): LoadResult {
  const files = configFiles(dir);
  return files.length === 0 ? noManifests(dir) : loadManifestFiles(files);
}
