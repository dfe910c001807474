/**
 * Runs the CLI from source (no build needed) for the controller CLI test:
 * `UPDOPS_TEST_CLI=1 node --import tsx test/controller/helpers/cli.ts ARGS…`. Without the
 * variable it does nothing, so `tap test/controller/` picking this file up runs no command.
 */
import { main } from '../../../src/cli/main.js';

if (process.env.UPDOPS_TEST_CLI === '1') await main(process.argv);
