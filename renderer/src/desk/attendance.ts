import { useTranslation } from 'react-i18next';
import type { RosterRow } from '../../../electron/core/participants/schema';
import { formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';

export type AttendanceTone = 'in' | 'out' | 'none' | 'cancelled';

/** Where a person stands for the chosen session, in words and as a tone for styling: the same on every screen. */
export function useAttendanceText(timeZone: string) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (row: Pick<RosterRow, 'status' | 'attendance'>): { text: string; tone: AttendanceTone } => {
    const a = row.attendance;
    if (a?.state === 'checked_in') {
      return { text: t('attendance.checkedIn', { time: formatTime(a.at, lang, timeZone) }), tone: 'in' };
    }
    if (a?.state === 'checked_out') {
      const time = formatTime(a.checkedOutAt ?? a.at, lang, timeZone);
      return { text: t('attendance.checkedOut', { time }), tone: 'out' };
    }
    if (row.status === 'cancelled') return { text: t('attendance.cancelled'), tone: 'cancelled' };
    return { text: t('attendance.notCheckedIn'), tone: 'none' };
  };
}
