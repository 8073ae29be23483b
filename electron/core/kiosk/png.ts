/**
 * A signature arrives as base64 from the kiosk screen. The contract already checked its size and its first bytes;
 * this reads the PNG's structure (signature, IHDR first, IEND last, sane dimensions), so what the sign-in sheet
 * later hands to the PDF library is a PNG and not some other file with a PNG's first eight bytes.
 */
const magic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const maxSide = 4096;

export function isSignaturePng(bytes: Uint8Array): boolean {
  if (bytes.length < 8 + 25 + 12) return false;
  if (!magic.every((b, i) => bytes[i] === b)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkType = (at: number) => String.fromCharCode(...bytes.subarray(at + 4, at + 8));
  // IHDR comes first and is 13 bytes long.
  if (view.getUint32(8) !== 13 || chunkType(8) !== 'IHDR') return false;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || width > maxSide || height > maxSide) return false;
  // Walk the chunks to the end: each length must fit, and the last chunk must be IEND.
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = chunkType(at);
    const next = at + 12 + length;
    if (next > bytes.length) return false;
    if (type === 'IEND') return next === bytes.length;
    at = next;
  }
  return false;
}
