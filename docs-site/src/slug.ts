// GitHub's heading slug (the same function codegen's docs target links with): lower case, drop
// punctuation other than `-` and `_`, spaces become `-`. Used as VitePress's slugify so anchors
// agree between GitHub and the site.
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
