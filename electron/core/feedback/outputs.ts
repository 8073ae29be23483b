import type ExcelJS from 'exceljs';
import type { Bar } from '../exports/pdf/charts';
import type { DocumentWords } from '../exports/words';
import { neutralise } from '../exports/neutralise';
import { finish, sheet } from '../exports/xlsx';
import type { FeedbackSummary } from './report';

const kindLabels = { rating: 'Rating 1–5', choice: 'Single choice', text: 'Free text' } as const;

/**
 * The workbook's Feedback sheet: per question a row with its answered count and mean, then a row per rating or option
 * with its count, and a row per free-text answer. One table, so a filter on Workshop or Question shows one at a time.
 */
export function addFeedbackSheet(workbook: ExcelJS.Workbook, feedback: FeedbackSummary): void {
  const ws = sheet(workbook, 'Feedback', [
    'Workshop',
    'Responses',
    'Question',
    'Kind',
    'Answered',
    'Mean',
    'Answer',
    'Count',
    'Language',
    'Respondent',
  ]);
  for (const event of feedback.events) {
    const title = neutralise(event.title);
    for (const q of event.questions) {
      const prompt = neutralise(q.prompt);
      ws.addRow([title, event.responses, prompt, kindLabels[q.kind], q.answered, q.mean ?? '', '', '', '', '']);
      for (const bar of q.distribution)
        ws.addRow([title, '', prompt, kindLabels[q.kind], '', '', neutralise(bar.label), bar.count]);
      for (const t of q.texts) {
        ws.addRow([
          title,
          '',
          prompt,
          kindLabels[q.kind],
          '',
          '',
          neutralise(t.text),
          '',
          t.language,
          neutralise(t.respondent ?? ''),
        ]);
      }
    }
  }
  finish(ws);
}

export interface PdfWriter {
  line(text: string, options?: { size?: number; bold?: boolean; color?: string; gap?: number }): void;
  chart(title: string, bars: Bar[]): void;
  wrap(text: string): string[];
  gap(points: number): void;
}

/**
 * The PDF's Feedback section, in the report's language: per event its responses, per question its figures, a chart,
 * and the texts listed (as respondents wrote them).
 */
export function drawFeedback(feedback: FeedbackSummary, out: PdfWriter, words: DocumentWords): void {
  if (feedback.events.length === 0) return;
  out.line(words.text('report.feedback.heading'), { size: 12, bold: true });
  for (const event of feedback.events) {
    out.line(event.title, { bold: true, size: 10.5 });
    const kind = words.text(event.anonymous ? 'report.feedback.anonymous' : 'report.feedback.named');
    out.line(words.text('report.feedback.responses', { count: event.responses, kind }), { color: '#5b6470' });
    event.questions.forEach((q, i) => {
      const answered = words.text('report.feedback.answered', {
        kind: words.text(`report.feedback.${q.kind}`),
        count: q.answered,
      });
      out.line(`${i + 1}. ${q.prompt}`, { bold: true });
      out.line(
        q.mean === null ? answered : words.text('report.feedback.mean', { answered, mean: words.fixed(q.mean, 2) }),
      );
      if (q.kind !== 'text') {
        out.chart(
          words.text(q.kind === 'rating' ? 'report.feedback.ratings' : 'report.feedback.choices', { prompt: q.prompt }),
          q.distribution.map((b) => ({ label: b.label, value: b.count })),
        );
      }
      for (const t of q.texts) {
        const who = t.respondent ? ` (${t.respondent})` : '';
        for (const part of out.wrap(`“${t.text}”${who} [${t.language}]`)) out.line(part, { size: 9, gap: 3 });
      }
      out.gap(6);
    });
  }
}
