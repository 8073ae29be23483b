import { fileError } from './file-error';

export type FileKind = 'xlsx' | 'text';

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * What the bytes are, whatever the file is called: a zip (XLSX), or text to be read as CSV. Formats a person may
 * plausibly pick by mistake get a refusal that says what to do.
 */
export function sniff(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) throw fileError('fileEmpty');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  // An empty zip, or one that starts with a spanned-archive marker: a zip, but never a workbook.
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) || startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])) {
    throw fileError('damagedWorkbook');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Excel saves a workbook with a password as an encrypted package inside the old compound-file container, so it
    // looks like an .xls: telling that person to save as .xlsx would send them round in circles.
    throw fileError(isEncryptedPackage(bytes) ? 'passwordProtected' : 'oldExcel');
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw fileError('notATable', '(It is a PDF.)');
  return 'text';
}

const encryptedPackage = Buffer.from('EncryptedPackage', 'utf16le');

/** A compound file whose directory names the stream an encrypted OOXML workbook is stored in. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(encryptedPackage);
}
