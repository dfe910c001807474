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

  program
    .command('schema')
    .description('print the JSON Schema of a manifest kind (Group, UpdateSource, Task) or all of them')
    .argument('[kind]', 'manifest kind')
    .action(async (kind: string | undefined) => {
      const { schemaCommand } = await import('./schema.js');
      process.exitCode = await schemaCommand({ kind });
    });
}
