/**
 * Every command, registered in one place. Each action imports its module only when it runs,
 * so `updops --help` loads nothing but commander (STYLE.md 13). Command modules are thin:
 * parse options, call the core, print, set the exit code.
 */
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  program
    .command('validate')
    .description('validate every manifest under a config directory')
    .argument('[dir]', 'config directory', '.')
    .option('--format <format>', 'output format: text | json', 'text')
    .action(async (dir: string, options: { format: string }) => {
      const { validateCommand } = await import('./validate.js');
      process.exitCode = await validateCommand({ dir, format: options.format });
    });

  const keys = program.command('keys').description('manage repository signing keys');
  keys
    .command('generate')
    .description('write ed25519 keys for the root, targets, snapshot and timestamp roles')
    .option('--out <dir>', 'folder for the new keys (must not hold keys already)')
    .action(async (options: { out?: string }) => {
      const { keysGenerateCommand } = await import('./keys.js');
      process.exitCode = await keysGenerateCommand({ out: options.out });
    });

  program
    .command('publish')
    .description('publish a content folder as the next version of an update repository')
    .argument('<content-dir>', 'folder laid out as <component>/<application>/<file>')
    .option('--repo <dir>', 'repository folder to write')
    .option('--keys <dir>', 'keys folder (from `updops keys generate`)')
    .option('--legacy-only', 'write only the old scheme (SHA256SUMS and plain files)')
    .option('--with-legacy', 'also write the old scheme beside the TUF repository')
    .option('--deltas <n>', 'diff files from each changed file\'s contents in the last N versions', '0')
    .option('--expires <duration>', 'lifetime of targets/snapshot/timestamp metadata, e.g. 7d, 12h', '7d')
    .option('--published <iso>', 'release time to record (default: now)')
    .action(async (contentDir: string, options: { repo?: string; keys?: string; legacyOnly?: boolean; withLegacy?: boolean; deltas: string; expires: string; published?: string }) => {
      const { publishCommand } = await import('./publish.js');
      process.exitCode = await publishCommand({ contentDir, ...options, repo: options.repo, keys: options.keys });
    });

  program
    .command('serve')
    .description('serve a repository folder over HTTP (Range, ETag, Last-Modified; nothing outside the folder)')
    .argument('<repo-dir>', 'repository folder')
    .option('--listen <host:port>', 'address to listen on (port 0: any free port)', '127.0.0.1:8080')
    .option('--verbose', 'log one line per request')
    .action(async (repoDir: string, options: { listen: string; verbose?: boolean }) => {
      const { serveCommand } = await import('./serve.js');
      process.exitCode = await serveCommand({ repoDir, listen: options.listen, verbose: options.verbose === true });
    });

  program
    .command('schema')
    .description('print the JSON Schema of a manifest kind (Group, UpdateSource, Task) or all of them')
    .argument('[kind]', 'manifest kind')
    .action(async (kind: string | undefined) => {
      const { schemaCommand } = await import('./schema.js');
      process.exitCode = await schemaCommand({ kind });
    });
}
