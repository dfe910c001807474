/**
 * The CLI entry: builds the commander program with lazily loaded commands (docs/style.md 13) so
 * `updops --help` stays instant, and maps errors to exit codes in one place (docs/style.md 7).
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands.js';
import { reportFailure } from './exit.js';
import { packageVersion } from './version.js';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('updops')
    .description('Declarative, GitOps-style controller for security-update distribution')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces for unexpected errors')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(text) });
  registerCommands(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = reportFailure(error, argv.includes('--debug'));
  }
}
