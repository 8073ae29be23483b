/**
 * How much an import file may hold. A participant list is hundreds of rows, a programme's whole roster a hundred
 * thousand; anything beyond these is a mistake or an attack, and is refused before it can exhaust memory.
 */
export const importLimits = {
  /** The file as uploaded. Checked before the bytes are read (command line) or decoded (screens). */
  fileBytes: 64 * 1024 * 1024,
  /** Data rows, header excluded. */
  rows: 200_000,
  columns: 200,
  /** Characters in one cell: a long address or note fits, a megabyte of padding does not. */
  cellChars: 10_000,
  /** Rows searched for the header line (title rows above it are common in spreadsheets). */
  headerSearchRows: 20,
  /** The furthest row a person may name as the header: Excel's last row. */
  headerRow: 1_048_576,
  /** XLSX is a zip: its parts, and what they unpack to, are checked before any XML is parsed. */
  zipEntries: 10_000,
  zipUnpackedBytes: 256 * 1024 * 1024,
} as const;

/** Base64 grows bytes by 4/3: the longest file field the contract accepts. */
export const maxBase64Chars = Math.ceil(importLimits.fileBytes / 3) * 4;

/** What a transport must accept for an import request: the file in base64 plus room for the rest of the input. */
export const importRequestBytes = maxBase64Chars + 1024 * 1024;
