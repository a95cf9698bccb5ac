// Where each page of the protocol reference lives, relative to ROOT, so links between pages
// and the sidebar are computed from one list.

export const ROOT = 'docs-site/protocol';

export const PAGE = {
  index: 'index.md',
  framing: 'framing.md',
  flags: 'flags.md',
  streams: 'streams.md',
  enums: 'enums.md',
  errors: 'errors.md',
  examples: 'examples.md',
  compatibility: 'compatibility.md',
  message: (name: string) => `messages/${name}.md`,
  layout: (name: string) => `layouts/${name}.md`,
  storage: 'storage/index.md',
  storageFile: (kind: string) => `storage/${kind}-files.md`,
} as const;
