// Loaded with `node --import` by tests that check what a command loads: registers the hooks
// below (they run on the loader's thread), which append each module URL this process resolves
// to the file named by UPDOPS_RECORD_IMPORTS, one per line.
import { register } from 'node:module';
import process from 'node:process';

register('./record-imports-hooks.mjs', import.meta.url, { data: { file: process.env.UPDOPS_RECORD_IMPORTS } });
