/**
 * A child for open-race.test.ts: opens each state file path it is sent and answers `ok` or the
 * driver's error code. Kept alive between rounds so that the racing opens start within a
 * moment of each other, as two CLI processes pointed at a new state file do.
 */
import { openDatabase } from '../../../src/state/sqlite/open-database.js';

process.on('message', (path: string) => {
  try {
    openDatabase(path, () => new Date()).close();
    process.send?.('ok');
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    process.send?.(cause?.code ?? String(error));
  }
});
process.send?.('ready');
