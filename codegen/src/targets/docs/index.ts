// The protocol reference (docs-site/protocol) as Markdown pages. Every sentence of prose is a
// `doc` field of the spec; everything else (tables, offsets, flag combinations, cross-links,
// sample JSON, the annotated hex of the worked examples) is computed from the model, so the
// pages change exactly when the spec does and CI can regenerate and diff them.
import type { Target } from '../../target.js';
import { positiveSamples } from '../../vectors/samples.js';
import { compatibilityPage } from './compatibility-page.js';
import { enumsPage } from './enums-page.js';
import { errorsPage } from './errors-page.js';
import { examplesPage } from './examples-page.js';
import { flagsPage } from './flags-page.js';
import { framingPage } from './framing-page.js';
import { indexPage } from './index-page.js';
import { layoutPage } from './layout-page.js';
import { messagePage } from './message-page.js';
import { ROOT } from './page-paths.js';
import { sidebar } from './sidebar.js';
import { storagePages } from './storage-pages.js';
import { streamsPage } from './streams-page.js';

export const docsTarget: Target = {
  name: 'docs',
  owns: [ROOT],
  generate: (spec) => {
    const samples = positiveSamples(spec);
    return [
      ...[
        indexPage(spec),
        framingPage(spec),
        flagsPage(spec),
        compatibilityPage(spec),
        streamsPage(spec),
        enumsPage(spec),
        errorsPage(spec),
        examplesPage(spec),
        ...spec.messages.map((m) => messagePage(spec, m, samples)),
        ...spec.layouts.map((l) => layoutPage(spec, l, samples)),
        ...storagePages(spec),
      ].map((page) => page.file()),
      sidebar(spec),
    ];
  },
};
