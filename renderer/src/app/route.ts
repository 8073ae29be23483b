import { useSyncExternalStore } from 'react';

/**
 * A handful of screens do not need a router library: the route lives in location.hash (so a reload, or the app:// protocol
 * in Electron, always lands on the one index.html) and is parsed here.
 */
export type Route =
  | { screen: 'events' }
  | { screen: 'new-event' }
  | { screen: 'event'; id: string }
  | { screen: 'edit-event'; id: string }
  | { screen: 'desk'; id: string }
  | { screen: 'participants'; id: string }
  | { screen: 'import'; id: string }
  | { screen: 'export'; id: string }
  | { screen: 'sync'; id: string }
  | { screen: 'backups' }
  | { screen: 'members' }
  | { screen: 'audit' }
  | { screen: 'sync-inbox' }
  | { screen: 'dashboard'; id: string }
  | { screen: 'event-report'; id: string }
  | { screen: 'feedback'; id: string }
  | { screen: 'programmes' }
  | { screen: 'programme-report'; id: string }
  | { screen: 'not-found' };

// Screens of one event, by the last part of their address (#/events/<id>/<action>).
const eventScreens = {
  edit: 'edit-event',
  desk: 'desk',
  participants: 'participants',
  import: 'import',
  export: 'export',
  sync: 'sync',
  dashboard: 'dashboard',
  report: 'event-report',
  feedback: 'feedback',
} as const;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, id, action] = parts;
  if (parts.length === 0 || (first === 'events' && parts.length === 1)) return { screen: 'events' };
  if (first === 'backups' && parts.length === 1) return { screen: 'backups' };
  if (first === 'members' && parts.length === 1) return { screen: 'members' };
  if (first === 'audit' && parts.length === 1) return { screen: 'audit' };
  if (first === 'sync' && parts.length === 1) return { screen: 'sync-inbox' };
  // #/programmes, and #/programmes/<id>/report for a programme's report.
  if (first === 'programmes') {
    if (parts.length === 1) return { screen: 'programmes' };
    if (id !== undefined && action === 'report' && parts.length === 3) return { screen: 'programme-report', id };
    return { screen: 'not-found' };
  }
  if (first !== 'events' || id === undefined) return { screen: 'not-found' };
  if (id === 'new' && parts.length === 2) return { screen: 'new-event' };
  if (parts.length === 2) return { screen: 'event', id };
  if (action !== undefined && parts.length === 3 && Object.hasOwn(eventScreens, action)) {
    return { screen: eventScreens[action as keyof typeof eventScreens], id };
  }
  return { screen: 'not-found' };
}

export function href(route: Route): string {
  switch (route.screen) {
    case 'events':
    case 'not-found':
      return '#/events';
    case 'new-event':
      return '#/events/new';
    case 'backups':
      return '#/backups';
    case 'members':
      return '#/members';
    case 'audit':
      return '#/audit';
    case 'sync-inbox':
      return '#/sync';
    case 'event':
      return `#/events/${encodeURIComponent(route.id)}`;
    case 'edit-event':
      return `#/events/${encodeURIComponent(route.id)}/edit`;
    case 'desk':
      return `#/events/${encodeURIComponent(route.id)}/desk`;
    case 'participants':
      return `#/events/${encodeURIComponent(route.id)}/participants`;
    case 'import':
      return `#/events/${encodeURIComponent(route.id)}/import`;
    case 'export':
      return `#/events/${encodeURIComponent(route.id)}/export`;
    case 'sync':
      return `#/events/${encodeURIComponent(route.id)}/sync`;
    case 'dashboard':
      return `#/events/${encodeURIComponent(route.id)}/dashboard`;
    case 'event-report':
      return `#/events/${encodeURIComponent(route.id)}/report`;
    case 'feedback':
      return `#/events/${encodeURIComponent(route.id)}/feedback`;
    case 'programmes':
      return '#/programmes';
    case 'programme-report':
      return `#/programmes/${encodeURIComponent(route.id)}/report`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
