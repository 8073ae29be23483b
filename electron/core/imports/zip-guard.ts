import { inflateRawSync } from 'node:zlib';
import { fileError } from './file-error';
import { importLimits } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

/**
 * Checks an XLSX (a zip) before any XML parser sees it: a complete central directory, a sane number of parts, and
 * what they unpack to, both as declared and as actually inflated (a zip bomb can lie about its sizes, so each part
 * is inflated with a ceiling of its declared size, and the total is capped). Costs one inflate pass, in bounded
 * memory: only one part is held at a time.
 */
export function checkZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(bytes, view);
  if (entries.length > importLimits.zipEntries) throw fileError('zipBomb', `(${entries.length} parts.)`);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > importLimits.zipUnpackedBytes) throw fileError('zipBomb');
  for (const entry of entries) verifyEntry(bytes, entry);
  const names = new Set(entries.map((e) => e.name));
  // LibreOffice's own format is what its users save by default: they need to hear what to do about it.
  if (names.has('mimetype') && names.has('content.xml')) throw fileError('openDocument');
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw fileError('notATable', '(It is a zip file, but not an Excel workbook.)');
  }
  return entries;
}

function centralDirectory(bytes: Uint8Array, view: DataView): ZipEntry[] {
  const end = findEndOfDirectory(view);
  if (end < 0) throw fileError('damagedWorkbook');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  // ZIP64 markers: a workbook that needs them is far beyond any participant list.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw fileError('fileTooComplex');
  if (offset + size > end) throw fileError('damagedWorkbook');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) throw fileError('damagedWorkbook');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressed = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1) throw fileError('damagedWorkbook', '(It is encrypted.)');
    if (method !== 0 && method !== 8) throw fileError('damagedWorkbook');
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw fileError('damagedWorkbook');
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataStart + compressedSize > bytes.length) throw fileError('damagedWorkbook');
    entries.push({ name, method, compressedSize, size: uncompressed, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
    if (entries.length > importLimits.zipEntries) break;
  }
  return entries;
}

/** The end-of-central-directory record: the last 22 bytes, or earlier when the zip has a comment. */
function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 65_535; at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  return -1;
}

function verifyEntry(bytes: Uint8Array, entry: ZipEntry): void {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw fileError('damagedWorkbook');
    return;
  }
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw fileError('zipBomb');
    throw fileError('damagedWorkbook');
  }
  if (inflated.length !== entry.size) throw fileError('damagedWorkbook');
}
