/** Runs the CLI from source (no build needed): `node --import tsx test/controller/helpers/cli.ts ARGS…`. */
import { main } from '../../../src/cli/main.js';

await main(process.argv);
