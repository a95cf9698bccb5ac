// Links from any reference page to the page or table row that defines a type, flag, feature,
// limit, string format, enum, error code or stream kind.
import type { Spec, StreamKind } from '@felix/spec';
import { code, type Page, rowAnchor, slug } from './markdown.js';
import { PAGE } from './page-paths.js';

function pageOf(spec: Spec, name: string): string {
  return spec.layouts.some((l) => l.name === name) ? PAGE.layout(name) : PAGE.message(name);
}

export function typeLink(page: Page, spec: Spec, name: string): string {
  return page.link(code(name), pageOf(spec, name));
}

export function flagLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.flags, rowAnchor('flag', name));
}

export function featureLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.flags, rowAnchor('feature', name));
}

function limitLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.framing, rowAnchor('limit', name));
}

/** The heading of a format's section on the framing page; its slug is `format-<name>`. */
export const formatHeading = (name: string) => `Format ${code(name)}`;

export function formatLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.framing, slug(formatHeading(name)));
}

export function enumLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.enums, slug(name));
}

/** A value of an enum, at its row on the enums page. */
export function enumValueLink(page: Page, enumName: string, value: string): string {
  return page.link(code(`${enumName}.${value}`), PAGE.enums, rowAnchor('enum', `${enumName}-${value}`));
}

export function errorLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.errors, rowAnchor('error', name));
}

export function streamLinks(page: Page, streams: StreamKind[]): string {
  return streams.map((s) => page.link(s, PAGE.streams, slug(s))).join(', ');
}

export function limitText(page: Page, spec: Spec, limit: string | undefined, unit: string): string {
  if (!limit) return '—';
  return `${limitLink(page, limit)} (${spec.limits[limit].value} ${unit})`;
}
