export interface BundleOptions {
  /** Leave out workspace modules none of whose exports are used (and the npm packages only they import). */
  treeShakeWorkspaces?: boolean;
}
/** The path of an up-to-date bundle of `entryPath`, built when needed. */
export function cachedBundle(entryPath: string, options?: BundleOptions): Promise<string>;
/** Runs `entryPath` in this process with `args` as its command-line arguments. */
export function runCached(entryPath: string, args: readonly string[], options?: BundleOptions): Promise<void>;
