/**
 * The client CLI the TUF conformance suite drives (its CLIENT-CLI.md), over updops' own TUF
 * client: the TufSession that `updops sync` uses, on the suite's metadata and targets URLs.
 *   client.ts --metadata-dir DIR init ROOT
 *   client.ts --metadata-dir DIR --metadata-url URL refresh
 *   client.ts --metadata-dir DIR --metadata-url URL --target-name P --target-base-url URL --target-dir DIR download
 * Exit 0 on success, 1 on any failure. See README.md here for how to run the suite.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openTransport } from '../../src/repository/transport/index.js';
import { TufSession } from '../../src/repository/sync/client-session.js';
import { findTarget } from '../../src/repository/sync/delegations.js';
import { firstHash } from '../../src/repository/sync/hashes.js';
import { checkTargetPath } from '../../src/repository/sync/paths.js';
import { metadataSource } from '../../src/repository/sync/remote-metadata.js';
import { trustedDir } from '../../src/repository/sync/trusted-dir.js';
import { downloadVerified, holdsVerified } from '../../src/repository/sync/verified-download.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'metadata-dir': { type: 'string' },
    'metadata-url': { type: 'string' },
    'target-name': { type: 'string' },
    'target-base-url': { type: 'string' },
    'target-dir': { type: 'string' },
  },
});

const transportOptions = { concurrency: 1, timeoutMs: 10_000 };

async function main(): Promise<void> {
  const metadataDir = required('metadata-dir');
  const [command, trustedRoot] = positionals;
  if (command === 'init') {
    // No checks and no requests at init (CLIENT-CLI.md): the root is verified on first use.
    await copyFile(trustedRoot ?? '', path.join(metadataDir, 'root.json'));
    return;
  }
  if (command !== 'refresh' && command !== 'download') throw new Error(`unknown command ${String(command)}`);
  const metadata = openTransport(required('metadata-url'), transportOptions);
  try {
    const session = await TufSession.start(metadataSource(metadata, ''), trustedDir(metadataDir));
    await session.refresh();
    if (command === 'download') await download(session);
  } finally {
    await metadata.close();
  }
}

async function download(session: TufSession): Promise<void> {
  const name = required('target-name');
  const info = await findTarget(session, name);
  if (!info) throw new Error(`${name}: no such target`);
  const targetDir = required('target-dir');
  const file = { label: name, length: info.length, hashes: info.hashes };
  const local = path.join(targetDir, encodeURIComponent(name));
  if (await holdsVerified(local, file)) return;
  const parts = checkTargetPath(name);
  const base = parts.pop() ?? '';
  const hash = firstHash(info.hashes);
  if (session.root.signed.consistentSnapshot && hash) parts.push(`${hash}.${base}`);
  else parts.push(base);
  const targets = openTransport(required('target-base-url'), transportOptions);
  try {
    await mkdir(targetDir, { recursive: true });
    await downloadVerified(targets, parts.join('/'), file, local, `${local}.part`);
  } finally {
    await targets.close();
  }
}

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string') throw new Error(`--${name} is required`);
  return value;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`updops conformance client: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
