// npm run build -w demo [out-dir]: bundles the page into demo/dist (or out-dir).
import { resolve } from 'node:path';
import { buildDemo, DEFAULT_OUT_DIR } from './build.js';

// npm runs workspace scripts in the workspace; INIT_CWD is where the user typed the command.
const outDir = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : DEFAULT_OUT_DIR;
const built = await buildDemo(outDir);
process.stdout.write(built ? `demo page built into ${outDir}\n` : `demo page in ${outDir} is up to date\n`);
