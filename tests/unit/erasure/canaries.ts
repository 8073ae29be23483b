// Searching files as raw bytes for values that must be gone, in UTF-8 and UTF-16 (both byte orders).
import { existsSync, readFileSync } from 'node:fs';

function encodings(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

/** Which of the canaries appear in the file, in any of the encodings. */
export function found(file: string, canaries: readonly string[]): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  return canaries.filter((c) => encodings(c).some((form) => bytes.includes(form)));
}
