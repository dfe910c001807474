/**
 * Content targets of a new version: the bytes stored content-addressed under `targets/`
 * (consistent snapshots: two versions' files sit side by side) and their TUF entries with the
 * custom fields readers use (docs/repository-format.md "Target custom fields").
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { TargetFile } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import type { ContentFile, ContentScan } from './content-scan.js';
import { copyVerified } from './files.js';
import { targetFileRelPath } from './local-repository.js';

export const DELTA_PREFIX = 'deltas/';

export function isDeltaPath(targetPath: string): boolean {
  return targetPath.startsWith(DELTA_PREFIX);
}

/** Copies each content file into `targets/` unless that content is already there. Returns bytes copied. */
export async function storeContent(repoDir: string, files: ContentFile[]): Promise<number> {
  let bytes = 0;
  for (const f of files) {
    const target = path.join(repoDir, targetFileRelPath(f.path, f.sha256));
    const present = await stat(target).catch(() => undefined);
    if (present?.isFile() && present.size === f.length) continue; // named by its hash: same name, same bytes
    if (!(await copyVerified(f.file, target, f.sha256))) {
      throw new UpdopsError('PUBLISH', `${f.file} changed while it was being published; publish again once the content folder is stable`);
    }
    bytes += f.length;
  }
  return bytes;
}

/** TUF target entries for the content files, with `custom` {component, application, version, published}. */
export function contentTargets(scan: ContentScan, repoVersion: number, published: string): Map<string, TargetFile> {
  const result = new Map<string, TargetFile>();
  for (const f of scan.files) {
    const version = scan.versions.get(`${f.component}/${f.application}`) ?? String(repoVersion);
    result.set(
      f.path,
      new TargetFile({
        path: f.path,
        length: f.length,
        hashes: { sha256: f.sha256 },
        unrecognizedFields: { custom: { component: f.component, application: f.application, version, published } },
      }),
    );
  }
  return result;
}
