// The browser entry bundles for browsers without a Node module: esbuild with platform 'browser'
// refuses node: imports outright, and the metafile shows which of our files went in.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('@felix/client/browser', () => {
  it('bundles for the browser without Node modules or the Node carriers', async () => {
    const result = await build({
      stdin: { contents: "export * from '@felix/client';", resolveDir: import.meta.dirname, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      // The workspaces' sources (their build is checked from the packed package, scripts/test);
      // naming conditions replaces esbuild's default extra one, "module", so it is named again.
      conditions: ['felix-source', 'module'],
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const ours = inputs.filter((i) => !i.includes('node_modules')).map((i) => i.replace(/^.*?(\w+\/src\/)/, '$1'));
    // The "browser" condition picked the browser entry and, through it, the ponyfill build.
    expect(ours).toContain('client/src/browser.ts');
    expect(ours).not.toContain('client/src/index.ts');
    expect(inputs.some((i) => i.endsWith('@fails-components/webtransport/lib/index.browser.js'))).toBe(true);
    expect(inputs.filter((i) => i.startsWith('node:') || /webtransport\.node\.js|@matrixai/.test(i))).toEqual([]);
    expect(
      ours.filter((i) => /transport\/src\/(tls|quic)\/|webtransport\/(library|listener|pins|connect)\.ts/.test(i)),
    ).toEqual([]);
    for (const shared of [
      'client.ts',
      'connection.ts',
      'publisher.ts',
      'subscription.ts',
      'consumer.ts',
      'ack-coalescer.ts',
    ])
      expect(ours).toContain(`client/src/${shared}`);
  });
});
