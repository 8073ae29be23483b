import { BrowserWindow, type WebContentsPrintOptions } from 'electron';
import QRCode from 'qrcode';
import type { BadgeContent, BadgeLayout } from '../core/badges/schema';
import type { Output } from '../core/api/contract';

/** The paper each layout prints on, for CSS @page, and the badge's own size on it. */
const papers: Record<BadgeLayout, { page: string; width: string; height: string }> = {
  // One badge from a sheet of 8: drawn at its size, top left of an A4, where a pre-cut sheet's first badge sits.
  'a4-8': { page: 'A4 portrait', width: '92.5mm', height: '64.5mm' },
  a6: { page: '105mm 148mm', width: '105mm', height: '148mm' },
  '4x3': { page: '4in 3in', width: '4in', height: '3in' },
};

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Names come from import files and forms: every one is text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** The QR as one SVG path of dark squares, with its 4-module quiet zone: vector, like the PDF's. */
export function qrSvg(token: string): string {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) if (modules.get(row, col)) path += `M${col + 4} ${row + 4}h1v1h-1z`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32mm" height="32mm" viewBox="0 0 ${size + 8} ${size + 8}" shape-rendering="crispEdges" role="img" aria-label="QR"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000" stroke="none"/></svg>`;
}

/**
 * The badge as a self-contained page for Chromium to print: the same content the PDF draws (electron/core/badges
 * reads and signs it), laid out with CSS. Chromium shapes and orders every script itself (bidi, font fallback), so
 * names print right here without the PDF's font runs. No script, no external resource.
 */
export function badgeHtml(badge: BadgeContent, layout: BadgeLayout): string {
  const paper = papers[layout];
  const e = escapeHtml;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(badge.name)}</title><style>
@page { size: ${paper.page}; margin: 0; }
* { box-sizing: border-box; margin: 0; }
body { font-family: 'Noto Sans', 'Droid Sans Fallback', sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge { width: ${paper.width}; height: ${paper.height}; display: grid; grid-template-rows: 1fr auto; overflow: hidden; }
.main { display: flex; gap: 4mm; padding: 5mm; }
.words { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 1.5mm; }
.event { font-size: 7pt; color: #4a4f57; }
.name { font-size: 20pt; font-weight: 700; line-height: 1.1; overflow-wrap: anywhere; }
.org, .country { font-size: 10pt; }
.country { font-weight: 700; }
.qr { width: 32mm; text-align: center; font-weight: 700; font-size: 8pt; }
.qr svg { width: 32mm; height: 32mm; display: block; }
.band { background: ${e(badge.colour)}; color: ${e(badge.ink)}; text-align: center; font-weight: 700; font-size: 12pt; padding: 2.5mm; }
</style></head><body><div class="badge"><div class="main"><div class="words" dir="auto">
<p class="event" dir="auto">${e(badge.eventTitle)}</p>
<p class="name" dir="auto">${e(badge.name)}</p>
<p class="org" dir="auto">${e(badge.organisation)}</p>
<p class="country" dir="auto">${e(badge.country)}</p>
</div><div class="qr">${qrSvg(badge.token)}<p>${e(badge.code)}</p></div></div>
<div class="band">${e(badge.categoryLabel)}</div></div></body></html>`;
}

/** What silent printing asks of Chromium: this desk's printer (the system default when none is named), in colour. */
export function printOptions(printer: string): WebContentsPrintOptions {
  return {
    silent: true,
    printBackground: true,
    color: true,
    margins: { marginType: 'none' },
    ...(printer ? { deviceName: printer } : {}),
  };
}

/**
 * The shell's side of badge.print (a ShellEffects entry): the print is already logged; this shows the badge in a
 * hidden, script-less window and prints it silently, then closes the window. A printer that fails is reported in
 * the log only: the desk has its PDF and can print again.
 */
export function printBadge(value: Output<'badge.print'>): Promise<boolean> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  const html = badgeHtml(value.badge, value.layout);
  return window
    .loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    .then(
      () =>
        new Promise<boolean>((resolve) => {
          window.webContents.print(printOptions(value.printer), (success, reason) => {
            if (!success)
              console.warn(`[muster] the badge did not print on "${value.printer || 'default'}": ${reason}`);
            resolve(success);
          });
        }),
    )
    .finally(() => window.destroy());
}
