#!/usr/bin/env node
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { main } from '../dist/main.js';

// `pnpm --filter cli train ...` runs in this package's directory, but paths on its command
// line (--data, --out) are relative to where it was typed, which pnpm passes as INIT_CWD.
const packageDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
if (process.env.INIT_CWD && process.cwd() === packageDir) process.chdir(process.env.INIT_CWD);

// Exit explicitly: wasm's pthread workers would otherwise keep the process alive.
process.exit(await main(process.argv));
