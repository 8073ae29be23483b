import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { KioskState } from '../../../electron/core/kiosk/schema';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { isLanguage, setLanguage, type Language } from '../i18n/language';

export const kioskKey = ['kiosk', 'state'] as const;

/** Whether this device is a kiosk: asked once at start, and set from the answers of kiosk.enter and kiosk.leave. */
export function useKioskState() {
  const api = useApi();
  return useQuery({
    queryKey: kioskKey,
    queryFn: () => call(api, 'kiosk.state', {}),
    // Only kiosk.enter and kiosk.leave change it, and their answers are written straight into the cache.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useSetKioskState() {
  const queryClient = useQueryClient();
  return (state: KioskState) => queryClient.setQueryData(kioskKey, state);
}

// The staff's interface language, to come back to when the kiosk is left: the kiosk switches languages per attendee.
const staffLanguageKey = 'muster.staffLanguage';

export function rememberStaffLanguage(lang: Language): void {
  try {
    window.sessionStorage.setItem(staffLanguageKey, lang);
  } catch {
    // Storage unavailable: staff get the event's language back, which they can change.
  }
}

export async function restoreStaffLanguage(fallback: Language): Promise<void> {
  await setLanguage(readStaffLanguage() ?? fallback);
}

function readStaffLanguage(): Language | null {
  try {
    const saved = window.sessionStorage.getItem(staffLanguageKey);
    return isLanguage(saved) ? saved : null;
  } catch {
    return null;
  }
}
