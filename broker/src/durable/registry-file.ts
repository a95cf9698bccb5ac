// Streams and caches registered by the admin request, kept in `<dataDir>/registry.json` so a
// restart still has them (before, a restart forgot them and publishers spun on not_found). The
// config file stays the operator's own: only what the admin request added is written here, the
// whole file replaced atomically on each change. A file the broker cannot read refuses the start
// rather than silently forgetting registrations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { checkName, InvalidNameError } from '../core/names.js';
import { ConfigError, STREAM_ENTRY_SCHEMA, type StreamConfig } from '../service/config.js';
import { writeFileAtomic } from './atomic-file.js';

export interface PersistedStream {
  tenant: string;
  namespace: string;
  name: string;
  settings: StreamConfig;
}

export interface PersistedCache {
  tenant: string;
  namespace: string;
  name: string;
  durable: boolean;
}

interface FileContents {
  version: 1;
  streams: ({ tenant: string; namespace: string; name: string } & StreamConfig)[];
  caches: PersistedCache[];
}

const NAMES = {
  tenant: { type: 'string' },
  namespace: { type: 'string' },
  name: { type: 'string' },
} as const;

const FILE_SCHEMA = {
  type: 'object',
  required: ['version', 'streams', 'caches'],
  properties: {
    version: { const: 1 },
    streams: {
      type: 'array',
      items: {
        ...STREAM_ENTRY_SCHEMA,
        required: ['tenant', 'namespace', 'name'],
        properties: { ...STREAM_ENTRY_SCHEMA.properties, ...NAMES },
      },
    },
    caches: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['tenant', 'namespace', 'name', 'durable'],
        properties: { ...NAMES, durable: { type: 'boolean' } },
      },
    },
  },
};

export const REGISTRY_FILE = 'registry.json';

/** The registry file could not be written: the registration it was for did not happen. */
export class RegistryWriteError extends Error {
  constructor(path: string, cause: unknown) {
    super(`${path}: cannot write it (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'RegistryWriteError';
  }
}

export class RegistryFile {
  readonly path: string;
  private readonly streams: PersistedStream[] = [];
  private readonly caches: PersistedCache[] = [];
  /** Writes in order, one at a time, each with everything added before it. */
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, REGISTRY_FILE);
  }

  /** Reads the file if there is one. Throws ConfigError naming the file and what is wrong. */
  load(): { streams: readonly PersistedStream[]; caches: readonly PersistedCache[] } {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { streams: [], caches: [] };
      throw new ConfigError(`${this.path}: cannot read it (${(err as Error).message})`);
    }
    let contents: FileContents;
    try {
      contents = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`${this.path}: not valid JSON (${(err as Error).message})`);
    }
    const validate = new Ajv({ strict: false }).compile(FILE_SCHEMA);
    if (!validate(contents)) {
      const e = validate.errors![0];
      throw new ConfigError(`${this.path} (${e.instancePath || '/'}) is invalid: ${e.message ?? e.keyword}`);
    }
    for (const { tenant, namespace, name, ...settings } of contents.streams) {
      this.checkNames(tenant, namespace, 'stream', name);
      this.streams.push({ tenant, namespace, name, settings });
    }
    for (const cache of contents.caches) {
      this.checkNames(cache.tenant, cache.namespace, 'cache', cache.name);
      this.caches.push(cache);
    }
    return { streams: this.streams, caches: this.caches };
  }

  private checkNames(tenant: string, namespace: string, kind: 'stream' | 'cache', name: string): void {
    try {
      checkName('tenant', tenant);
      checkName('namespace', namespace);
      checkName(kind, name);
    } catch (err) {
      if (!(err instanceof InvalidNameError)) throw err;
      throw new ConfigError(`${this.path} is invalid: ${err.message}`);
    }
  }

  /** Records a stream the admin request registered; resolves once the file says so durably. */
  addStream(entry: PersistedStream): Promise<void> {
    this.streams.push(entry);
    return this.save(() => this.streams.splice(this.streams.indexOf(entry), 1));
  }

  /** Records a cache the admin request registered; resolves once the file says so durably. */
  addCache(entry: PersistedCache): Promise<void> {
    this.caches.push(entry);
    return this.save(() => this.caches.splice(this.caches.indexOf(entry), 1));
  }

  /** Writes the whole file; `undo` takes the entry back out if the write fails. */
  private save(undo: () => void): Promise<void> {
    const run = this.writing.then(async () => {
      const contents: FileContents = {
        version: 1,
        streams: this.streams.map(({ tenant, namespace, name, settings }) => ({
          tenant,
          namespace,
          name,
          ...settings,
        })),
        caches: this.caches,
      };
      try {
        await writeFileAtomic(this.path, `${JSON.stringify(contents, null, 2)}\n`);
      } catch (err) {
        undo();
        throw new RegistryWriteError(this.path, err);
      }
    });
    this.writing = run.catch(() => {});
    return run;
  }
}
