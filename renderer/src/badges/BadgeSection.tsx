import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeLayouts, type BadgeLayout } from '../../../electron/core/badges/schema';
import { loadSettings, saveSettings, type PrinterSettings } from './printer-settings';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { base64Bytes, saveFile } from '../exports/download';
import { newJobId } from '../jobs/use-job';
import { useRosterChanged } from '../participants/queries';
import { ErrorNotice } from '../ui/ErrorNotice';

/** Electron's preload exposes window.muster; there the shell prints silently to the chosen printer. */
const inDesktopApp = () => typeof window !== 'undefined' && window.muster !== undefined;

/**
 * Opens the badge PDF in a new tab, where the browser's PDF viewer prints it; where pop-ups are blocked, it is saved
 * as a download instead. The object URL outlives the tab's load by a minute.
 */
function openForPrinting(file: { fileName: string; mediaType: string; data: string }): void {
  const url = URL.createObjectURL(new Blob([base64Bytes(file.data)], { type: file.mediaType }));
  const opened = window.open(url, '_blank');
  if (!opened) saveFile(file);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * One person's badge at the desk: print it (the desktop app sends it straight to this desk's printer; in a browser
 * the badge PDF opens for the browser's print dialog), and reissue it when it was lost (the old QR and code stop
 * working). Each print is logged (badge.print).
 */
export function BadgeSection({
  eventId,
  participantId,
  registrationId,
  name,
  readOnly,
}: {
  eventId: string;
  participantId: string;
  registrationId: string;
  name: string;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const rosterChanged = useRosterChanged();
  const ids = { title: useId(), layout: useId(), printer: useId(), printerHint: useId() };
  const [settings, setSettings] = useState(loadSettings);
  const [busy, setBusy] = useState<'print' | 'reissue' | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<unknown>(null);

  const change = (next: Partial<PrinterSettings>) => {
    const merged = { ...settings, ...next };
    setSettings(merged);
    saveSettings(merged);
  };

  const print = async () => {
    if (busy) return;
    setBusy('print');
    setMessage('');
    setFailure(null);
    try {
      if (!inDesktopApp()) {
        const file = await call(api, 'export.run', {
          jobId: newJobId(),
          eventId,
          format: 'badges-pdf',
          layout: settings.layout,
          registrationIds: [registrationId],
        });
        openForPrinting(file);
      }
      await call(api, 'badge.print', {
        id: newJobId(),
        registrationId,
        layout: settings.layout,
        printer: settings.printer,
      });
      setMessage(t('badges.printed', { name }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const reissue = async () => {
    if (busy) return;
    setBusy('reissue');
    setMessage('');
    setFailure(null);
    try {
      await call(api, 'badge.reissue', { registrationId });
      // The new short code shows in the drawer's heading and in every list.
      await rosterChanged(participantId);
      setMessage(t('badges.reissued', { name }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="drawer-section" aria-labelledby={ids.title}>
      <h3 id={ids.title}>{t('badges.print')}</h3>
      {failure !== null && <ErrorNotice error={failure} title={t('badges.failed')} />}
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.layout}>{t('badges.layout')}</label>
          <select
            id={ids.layout}
            value={settings.layout}
            onChange={(e) => change({ layout: e.target.value as BadgeLayout })}
          >
            {badgeLayouts.map((l) => (
              <option key={l} value={l}>
                {t(`exports.layouts.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.printer}>{t('badges.printer')}</label>
          <input
            id={ids.printer}
            value={settings.printer}
            maxLength={200}
            aria-describedby={ids.printerHint}
            onChange={(e) => change({ printer: e.target.value })}
          />
          <p id={ids.printerHint} className="hint">
            {t('badges.printerHint')}
          </p>
        </div>
      </div>
      <div className="form-actions compact">
        <button type="button" className="button primary" aria-disabled={busy !== null} onClick={() => void print()}>
          {busy === 'print' ? t('badges.printing') : t('badges.print')}
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={busy !== null || readOnly}
          onClick={() => (readOnly ? undefined : void reissue())}
        >
          {t('badges.reissue')}
        </button>
        <p role="status" className="saved">
          {message}
        </p>
      </div>
    </section>
  );
}
