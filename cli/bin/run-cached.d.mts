/** The path of an up-to-date bundle of `entryPath`, built when needed. */
export function cachedBundle(entryPath: string): Promise<string>;
/** Runs `entryPath` in this process with `args` as its command-line arguments. */
export function runCached(entryPath: string, args: readonly string[]): Promise<void>;
