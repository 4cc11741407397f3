import { describe, expect, it } from 'vitest';
import { encodeWav } from './collect';

describe('encodeWav', () => {
  it('writes a 16-bit mono PCM WAV header and clamps samples', async () => {
    const blob = encodeWav(new Float32Array([0, 1, -1, 2]), 8000);
    const view = new DataView(await blob.arrayBuffer());
    expect(blob.size).toBe(44 + 8);
    expect(String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3))).toBe('RIFF');
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(40, true)).toBe(8);
    expect(view.getInt16(46, true)).toBe(0x7fff);
    expect(view.getInt16(48, true)).toBe(-0x8000);
    expect(view.getInt16(50, true)).toBe(0x7fff);
  });
});
