import type { BadgeContent, BadgeLayout } from '../badges/schema';
import type { Language } from '../events/schema';
import type { Report } from '../reports/schema';
import type { Progress } from '../jobs/worker-host';
import { renderCsv } from './csv';
import type { ExportData } from './data';
import { renderSigninSheets } from './pdf/signin-sheet';
import { renderSummary } from './pdf/summary';
import type { ExportField, ExportFormat } from './schema';
import { renderXlsx } from './xlsx';

/** A PDF's language and, for headings a bilingual room can read, the event's other language (if it has one). */
export interface DocumentLanguages {
  language: Language;
  second: Language | null;
}

export type RenderInput =
  | {
      format: Exclude<ExportFormat, 'badges-pdf'>;
      data: ExportData;
      fields: readonly ExportField[];
      fontsFolder: string;
      /** PDFs only: CSV and XLSX are always English. */
      languages: DocumentLanguages;
    }
  /** Badges come signed from the main thread: the worker draws them and never sees a key. */
  | { format: 'badges-pdf'; badges: BadgeContent[]; layout: BadgeLayout; fontsFolder: string; language: Language }
  /** An event's or a programme's report (electron/core/reports), its figures computed on the main thread. */
  | { format: 'report-xlsx'; report: Report; fontsFolder: string }
  | { format: 'report-pdf'; report: Report; fontsFolder: string; language: Language };

/** The worker's part of an export: data read on the main thread in, the file's bytes out. */
export async function renderExport(
  input: RenderInput,
  progress: (p: Progress) => void,
): Promise<{ bytes: Uint8Array; pages: number | null }> {
  switch (input.format) {
    case 'csv':
      return { bytes: renderCsv(input.data, input.fields), pages: null };
    case 'xlsx':
      return { bytes: await renderXlsx(input.data, input.fields, progress), pages: null };
    case 'signin-pdf':
      return renderSigninSheets(input.data, input.fontsFolder, input.languages, progress);
    case 'summary-pdf':
      return renderSummary(input.data, input.fontsFolder, input.languages.language, progress);
    case 'badges-pdf':
      return (await import('../badges/pdf')).renderBadges(
        input.badges,
        input.layout,
        input.fontsFolder,
        progress,
        input.language,
      );
    case 'report-xlsx':
      return { bytes: await (await import('../reports/xlsx')).renderReportXlsx(input.report), pages: null };
    case 'report-pdf':
      return (await import('../reports/pdf')).renderReportPdf(
        input.report,
        input.fontsFolder,
        input.language,
        progress,
      );
  }
}
