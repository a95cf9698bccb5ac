// sidebar.json: the site's navigation for the protocol reference.
import type { Spec } from '@felix/spec';
import { type GeneratedFile, jsonText, notice } from '../../target.js';
import { PAGE, ROOT } from './page-paths.js';

/** The site's sidebar for these pages, so the site's navigation follows the spec too. */
export function sidebar(spec: Spec): GeneratedFile {
  const link = (page: string) => `/protocol/${page.replace(/(index)?\.md$/, '')}`;
  const items = {
    $comment: notice('md').trim(),
    sections: [
      {
        text: 'Protocol reference',
        items: [
          { text: 'Overview', link: link(PAGE.index) },
          { text: 'Framing', link: link(PAGE.framing) },
          { text: 'Flags and capabilities', link: link(PAGE.flags) },
          { text: 'Compatibility', link: link(PAGE.compatibility) },
          { text: 'Streams', link: link(PAGE.streams) },
          { text: 'Enumerations', link: link(PAGE.enums) },
          { text: 'Error codes', link: link(PAGE.errors) },
          { text: 'Worked examples', link: link(PAGE.examples) },
        ],
      },
      {
        text: 'JSON messages',
        collapsed: true,
        items: spec.messages.map((m) => ({ text: m.name, link: link(PAGE.message(m.name)) })),
      },
      {
        text: 'Binary layouts',
        collapsed: true,
        items: spec.layouts.map((l) => ({ text: l.name, link: link(PAGE.layout(l.name)) })),
      },
      {
        text: 'Storage format',
        items: [
          { text: 'Overview', link: link(PAGE.storage) },
          ...Object.values(spec.storage.files).map((f) => ({
            text: `${f.name.charAt(0).toUpperCase()}${f.name.slice(1)} files`,
            link: link(PAGE.storageFile(f.name)),
          })),
        ],
      },
    ],
  };
  return { path: `${ROOT}/sidebar.json`, contents: jsonText(items) };
}
