import { importLimits } from '../../../electron/core/imports/limits';

/** What the contract's import.preview takes for a file: its name and its bytes in base64. */
export interface FileUpload {
  name: string;
  data: string;
}

export type FileCheck = { ok: true } | { ok: false; reason: 'tooLarge'; size: number; max: number };

/**
 * Checked before reading: a file over the contract's limit cannot be sent at all (the transport would refuse the
 * request), so the screen says so itself instead of reading 200 MB into memory first.
 */
export function checkFile(file: Pick<File, 'size'>): FileCheck {
  return file.size > importLimits.fileBytes
    ? { ok: false, reason: 'tooLarge', size: file.size, max: importLimits.fileBytes }
    : { ok: true };
}

/**
 * The file as the contract carries it. FileReader's data: URL is the browser's own base64 encoder (native, no
 * string building in JavaScript for a 60 MB file); the part after the comma is the base64 the schema checks.
 */
export function readUpload(file: File): Promise<FileUpload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // The schema allows 255 characters; a longer name is cut rather than refused, it is only shown back.
      resolve({ name: file.name.slice(0, 255) || 'import', data: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
