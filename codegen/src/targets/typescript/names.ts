// Naming and text helpers shared by the TypeScript outputs.
import type { Spec } from '@felix/spec';

// Type names that would shadow a global (Error, DOM's Event) get a suffix.
const SHADOWED_GLOBALS = new Set(['Error', 'Event']);
export const pascal = (name: string) => {
  const p = name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  return SHADOWED_GLOBALS.has(p) ? `${p}Message` : p;
};
export const constName = (name: string) => name.toUpperCase();
export const q = (s: string) => JSON.stringify(s);
export const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
export const doc = (text: string, indent = '') => `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n`;

export function limitValue(spec: Spec, limit: string | undefined): number | undefined {
  return limit ? spec.limits[limit].value : undefined;
}
