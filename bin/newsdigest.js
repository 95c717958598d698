#!/usr/bin/env node
// The compiled CLI (built by `npm ci` through the prepare script, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('newsdigest: dist/ is missing; run `npm ci` (or `npm run build`) first.');
  process.exit(1);
}
await import(entry.href);
