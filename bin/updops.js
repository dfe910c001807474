#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/bundle/ (built by `npm ci` via the prepare script).
import('../dist/bundle/main.js').then((m) => m.main(process.argv));
