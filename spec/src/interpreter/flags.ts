// Which flag values the spec allows, derived from layouts and their modifiers.
import type { LayoutSpec, Spec } from '../model.js';

export interface FlagCombination {
  flags: number;
  layout: LayoutSpec;
  /** Modifier bits set in this combination. */
  modifierBits: number;
}

/** Every allowed non-zero flags value: a layout's bit OR any subset of its modifiers. */
export function flagCombinations(spec: Spec): FlagCombination[] {
  const out: FlagCombination[] = [];
  for (const layout of spec.layouts) {
    const mods = layout.modifiers.map((m) => m.bit);
    for (let subset = 0; subset < 1 << mods.length; subset++) {
      let bits = 0;
      mods.forEach((bit, i) => {
        if (subset & (1 << i)) bits |= bit;
      });
      out.push({ flags: layout.flagBit | bits, layout, modifierBits: bits });
    }
  }
  return out.sort((a, b) => a.flags - b.flags);
}

export function knownFlagMask(spec: Spec): number {
  return spec.flags.reduce((mask, f) => mask | f.bit, 0);
}
