// Runs the native CLI (build/native/vilab, or $VILAB_CLI) and parses its JSON output.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = process.env.VILAB_CLI ?? path.join(root, 'build', 'native', 'vilab');

export function runCli(args) {
  return execFileSync(cliPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

// `vilab run <lab> --set k=v ... --steps n --json`, parsed.
export function runNative(lab, config = {}, steps) {
  const args = ['run', lab];
  for (const [key, value] of Object.entries(config)) args.push('--set', `${key}=${value}`);
  if (steps !== undefined) args.push('--steps', String(steps));
  args.push('--json');
  return JSON.parse(runCli(args));
}
