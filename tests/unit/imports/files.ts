// Builders for import files in every shape organisers send: encodings, delimiters, workbooks and broken zips.
import { randomUUID } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Input, Output } from '../../../electron/core/api/contract';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiError, Result } from '../../../electron/core/api/errors';
import type { Core } from '../../../electron/core/context';
import { checkZip } from '../../../electron/core/imports/zip-guard';
import type { RosterPerson } from '../../fixtures/roster';

export type CsvEncoding =
  'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16le-bom' | 'utf-16be' | 'utf-16be-bom' | 'windows-1252' | 'windows-1251';

// Windows-1252's 0x80–0x9F, where it differs from Latin-1.
const cp1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
  Š: 0x8a,
  š: 0x9a,
  Ž: 0x8e,
  ž: 0x9e,
  Œ: 0x8c,
  œ: 0x9c,
};

/** Text as a file in the given encoding, written the way Excel and editors write it. */
export function encode(text: string, encoding: CsvEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
    case 'utf-16le-bom': {
      const body = Buffer.from(text, 'utf16le');
      return encoding === 'utf-16le' ? body : Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
    }
    case 'utf-16be':
    case 'utf-16be-bom': {
      const body = Buffer.from(text, 'utf16le').swap16();
      return encoding === 'utf-16be' ? body : Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
    case 'windows-1251': {
      // The code page as the WHATWG decoder reads it, turned round.
      const bytes = new Map(
        [...new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((c, i) => [
          c,
          i,
        ]),
      );
      return Uint8Array.from(
        [...text].map((c) => {
          const code = bytes.get(c);
          if (code === undefined) throw new Error(`${c} is not in Windows-1251`);
          return code;
        }),
      );
    }
    case 'windows-1252':
      return Uint8Array.from(
        [...text].map((c) => {
          const code = cp1252[c] ?? c.codePointAt(0)!;
          if (code > 0xff) throw new Error(`${c} is not in Windows-1252`);
          return code;
        }),
      );
  }
}

/** Rows as CSV text with the given delimiter, quoting where RFC 4180 needs it, CRLF line ends. */
export function csv(rows: readonly (readonly string[])[], delimiter = ','): string {
  return `${Papa.unparse(rows as string[][], { delimiter, newline: '\r\n' })}\r\n`;
}

/** A roster (tests/fixtures/roster.ts) as the CSV a partner country would send. */
export function rosterCsv(people: readonly RosterPerson[], delimiter = ','): string {
  const header = [
    'Title',
    'First name',
    'Last name',
    'Gender',
    'Country',
    'Organisation',
    'Organisation type',
    'Category',
    'E-mail',
    'Phone',
  ];
  return csv(
    [
      header,
      ...people.map((p) => [
        p.honorific ?? '',
        p.givenNames,
        p.familyName,
        p.gender,
        p.country,
        p.organisation,
        p.organisationType,
        p.category,
        p.email ?? '',
        p.phone ?? '',
      ]),
    ],
    delimiter,
  );
}

/** A workbook built with exceljs, as bytes. */
export async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export interface ZipPart {
  name: string;
  data: Uint8Array;
  /** Lie about the unpacked size in the headers, as a zip bomb does. */
  declaredSize?: number;
}

/** A minimal zip writer, so tests can make the broken and hostile zips no library would write. */
export function zip(parts: readonly ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const data = deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/**
 * A workbook as Excel saves it with macros (.xlsm): the macro-enabled content type and a VBA project part, which
 * exceljs does not write. The VBA part is only its container's signature: nothing may ever run it.
 */
export function macroEnabled(xlsx: Uint8Array): Uint8Array {
  const parts: ZipPart[] = checkZip(xlsx).map((entry) => {
    const raw = xlsx.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const data = entry.method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    const text = data.toString('utf8');
    if (entry.name === '[Content_Types].xml') {
      return {
        name: entry.name,
        data: Buffer.from(
          text
            .replace(
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
              'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
            )
            .replace(
              '<Default Extension="xml"',
              '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"',
            ),
        ),
      };
    }
    if (entry.name === 'xl/_rels/workbook.xml.rels') {
      const vba =
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>';
      return { name: entry.name, data: Buffer.from(text.replace('</Relationships>', `${vba}</Relationships>`)) };
    }
    return { name: entry.name, data };
  });
  const vbaProject = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return zip([...parts, { name: 'xl/vbaProject.bin', data: vbaProject }]);
}

/**
 * The outline of an OLE compound file (what .xls is, and what Excel wraps a password-protected .xlsx in): the
 * header's signature, then one directory sector with an entry per stream name. Enough for anything that sniffs.
 */
export function compoundFile(streams: readonly string[]): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const entry = directory.subarray(i * 128, (i + 1) * 128);
    entry.write(name, 0, 'utf16le');
    entry.writeUInt16LE((name.length + 1) * 2, 64);
    entry[66] = i === 0 ? 5 : 2;
  });
  return new Uint8Array(Buffer.concat([header, directory]));
}

/** Starts a preview of a file and waits for it, as the import screen does. */
export function preview(
  core: Core,
  eventId: string,
  bytes: Uint8Array | null,
  extra: Partial<Input<'import.preview'>> = {},
): Promise<Result<Output<'import.preview'>>> {
  return dispatch(core.ctx, 'import.preview', {
    jobId: extra.jobId ?? randomUUID(),
    eventId,
    ...(bytes ? { file: { name: 'list.csv', data: Buffer.from(bytes).toString('base64') } } : {}),
    ...extra,
  }) as Promise<Result<Output<'import.preview'>>>;
}

export async function previewed(
  core: Core,
  eventId: string,
  bytes: Uint8Array | null,
  extra: Partial<Input<'import.preview'>> = {},
): Promise<Output<'import.preview'>> {
  const result = await preview(core, eventId, bytes, extra);
  if (!result.ok) throw new Error(`import.preview failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

export async function refusedPreview(
  core: Core,
  eventId: string,
  bytes: Uint8Array,
  extra: Partial<Input<'import.preview'>> = {},
): Promise<ApiError> {
  const result = await preview(core, eventId, bytes, extra);
  if (result.ok) throw new Error(`import.preview was expected to fail: ${JSON.stringify(result.value.totals)}`);
  return result.error;
}
