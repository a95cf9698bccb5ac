// The workspaces of this repository and which of them are published: every workspace whose
// package.json is not marked "private". Shared by the package lint and the packing test, so
// making a workspace publishable (see README.md, "Publishing") puts it under both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** Absolute paths of the workspace folders, in the root package.json's order. */
export function workspaces() {
  return readManifest(ROOT).workspaces.map((w) => join(ROOT, w));
}

/** Absolute paths of the workspaces that are published. */
export function publishableWorkspaces() {
  return workspaces().filter((dir) => !readManifest(dir).private);
}
