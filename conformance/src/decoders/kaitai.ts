// The two Kaitai-generated decoders (JavaScript in-process, Python in one child process).
import { fromHex } from '../notation.js';
import type { Decoder } from '../run.js';
import { decodeWithKaitaiJs } from './kaitai-js.js';
import { decodeWithKaitaiPython } from './kaitai-python.js';

export function kaitaiDecoders(): Decoder[] {
  return [
    {
      name: 'kaitai-js',
      decodeAll: async (vectors) => new Map(vectors.map((v) => [v.name, decodeWithKaitaiJs(fromHex(v.frameHex))])),
    },
    {
      name: 'kaitai-py',
      decodeAll: (vectors) => decodeWithKaitaiPython(vectors.map((v) => ({ name: v.name, frameHex: v.frameHex }))),
    },
  ];
}
