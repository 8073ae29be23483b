import { badgeLayouts, type BadgeLayout } from '../../../electron/core/badges/schema';

// This machine's badge printer and badge size: a setting of the machine at the desk or the kiosk, not of the event,
// so it stays in the browser's storage. The desk prints with it, and a kiosk started here offers it.
const settingsKey = 'muster.badgePrinter';

export interface PrinterSettings {
  layout: BadgeLayout;
  printer: string;
}

export function loadSettings(): PrinterSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(settingsKey) ?? '{}') as Partial<PrinterSettings>;
    return {
      layout: badgeLayouts.includes(saved.layout as BadgeLayout) ? (saved.layout as BadgeLayout) : 'a6',
      printer: typeof saved.printer === 'string' ? saved.printer : '',
    };
  } catch {
    return { layout: 'a6', printer: '' };
  }
}

export function saveSettings(settings: PrinterSettings): void {
  localStorage.setItem(settingsKey, JSON.stringify(settings));
}
