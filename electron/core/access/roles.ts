import type { MethodName } from '../api/contract';

/**
 * Who may call each method, in one place beside the contract (a method missing here does not compile).
 * - `anyone`: what a device needs before anyone signs in (signing in, the kiosk's state, leaving it with its PIN).
 * - `kiosk`: the attendee's self-service flow; the handlers refuse it unless this device is running a kiosk.
 * - `staff`: the desk: registering, checking in, reading the roster, printing badges.
 * - `admin`: what moves data off or onto the device or removes it (imports, exports, sync, backups, merges), the
 *   settings, the members and the audit trail.
 * While this device is a kiosk, staff and admin methods are refused to everyone until kiosk.leave (with the PIN).
 */
export type Access = 'anyone' | 'kiosk' | 'staff' | 'admin';

export const methodAccess: Record<MethodName, Access> = {
  'system.ping': 'anyone',
  'system.info': 'anyone',
  'event.list': 'staff',
  'event.get': 'staff',
  'event.create': 'admin',
  'event.update': 'admin',
  'event.archive': 'admin',
  'session.add': 'admin',
  'session.update': 'admin',
  'session.remove': 'admin',
  'participant.create': 'staff',
  'participant.update': 'staff',
  'participant.get': 'staff',
  'participant.findDuplicates': 'staff',
  'registration.update': 'staff',
  'roster.list': 'staff',
  'roster.search': 'staff',
  'checkin.create': 'staff',
  'checkin.checkout': 'staff',
  'checkin.undo': 'staff',
  'checkin.counters': 'staff',
  'checkin.recent': 'staff',
  'import.preview': 'admin',
  'import.status': 'admin',
  'import.rows': 'admin',
  'import.cancel': 'admin',
  'import.commit': 'admin',
  'export.run': 'admin',
  'export.status': 'admin',
  'export.cancel': 'admin',
  'badge.token': 'staff',
  'badge.reissue': 'staff',
  'badge.print': 'staff',
  'kiosk.state': 'anyone',
  'kiosk.enter': 'staff',
  // The kiosk's own PIN (set by the staff member who started it) is the proof; it is rate-limited in kiosk/.
  'kiosk.leave': 'anyone',
  'kiosk.find': 'kiosk',
  'kiosk.identify': 'kiosk',
  'kiosk.checkIn': 'kiosk',
  'backup.list': 'admin',
  'backup.create': 'admin',
  'backup.restore': 'admin',
  'sync.status': 'admin',
  'sync.export': 'admin',
  'sync.import': 'admin',
  'sync.progress': 'admin',
  'sync.cancel': 'admin',
  'sync.conflicts': 'staff',
  'programme.list': 'staff',
  'programme.get': 'staff',
  'programme.create': 'admin',
  'programme.rename': 'admin',
  'programme.assign': 'admin',
  'programme.unassign': 'admin',
  'report.get': 'staff',
  'report.matches': 'admin',
  'report.export': 'admin',
  'dashboard.get': 'staff',
  'person.merge': 'admin',
  'person.unmerge': 'admin',
  'person.rejectMatch': 'admin',
  'access.status': 'anyone',
  'access.setup': 'anyone',
  'access.signIn': 'anyone',
  'access.unlock': 'anyone',
  'access.signOut': 'anyone',
  'access.touch': 'anyone',
  'access.members': 'admin',
  'access.addMember': 'admin',
  'access.setSecret': 'admin',
  'access.removeMember': 'admin',
  'access.setIdle': 'admin',
  'audit.list': 'admin',
  'audit.verify': 'admin',
  'audit.export': 'admin',
  'person.erase': 'admin',
  'retention.run': 'admin',
  'retention.status': 'admin',
  'sync.hub.join': 'admin',
  'sync.hub.leave': 'admin',
  // The hub status indicator sits on every event page the desk uses.
  'sync.hub.state': 'staff',
  'sync.hub.waiting': 'admin',
  'feedback.get': 'staff',
  'feedback.settings': 'admin',
  'feedback.addQuestion': 'admin',
  'feedback.updateQuestion': 'admin',
  'feedback.removeQuestion': 'admin',
  // Staff take answers at the desk; the kiosk has its own two methods below.
  'feedback.submit': 'staff',
  'kiosk.feedbackForm': 'kiosk',
  'kiosk.feedbackSubmit': 'kiosk',
  // Asked before there is anyone to sign in, or any database to hold them (the desktop's unlock window).
  'store.lockState': 'anyone',
  'store.unlock': 'anyone',
  'store.setPassphrase': 'admin',
};

/**
 * Calls made on the kiosk's side of the screen: the attendee's flow, and leaving it with the kiosk's PIN. They run
 * in the window of the member who started the kiosk, but no member makes them: the trail names the kiosk, and they do
 * not count as use of that member's staff side, which locks after its idle minutes as if the kiosk were not there.
 */
export function onKioskSide(method: MethodName): boolean {
  return methodAccess[method] === 'kiosk' || method === 'kiosk.leave';
}
