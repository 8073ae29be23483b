import { write } from '../changes/write';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import { writeWhenFree } from '../db/transaction';
import { isActive, kioskEnded, kioskEntity, kioskRow, type KioskRow } from '../kiosk/store';
import { allMembers, replaceMembers } from './members';

/**
 * Runs `restore` (which puts a backup's content in place of the live database, the staff list and the kiosk state
 * with it) and then puts back who may use this device, as it was. A backup should roll back data, not access:
 * otherwise a member removed since the backup (gone, or their PIN leaked) signs in again with their old secret, a
 * secret reset since reverts, a backup from before the first administrator leaves `access.setup` open to anyone at
 * the screen, and a backup taken while the kiosk ran (most of a workshop day's) shuts the staff side behind a kiosk
 * PIN from another day.
 */
export async function keepingDeviceAccess<T>(ctx: Context, restore: () => Promise<T>): Promise<T> {
  const members = allMembers(ctx.db);
  const kiosk = kioskRow(ctx.db, ctx.device);
  const value = await restore();
  // After the restore ctx.db may be a new connection (an encrypted store is reopened on the restored file).
  const db = ctx.db;
  // A backup from before staff members existed (the command line restores it; the next start migrates it) has no
  // table to put them in.
  if (prepared(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'staff_members'").get() === undefined) {
    return value;
  }
  await writeWhenFree(db, () => {
    replaceMembers(db, members);
    keepKiosk(ctx, kiosk);
  });
  return value;
}

/** The device is a kiosk after a restore only if it was one before, with the same PIN, on a session that survived. */
function keepKiosk(ctx: Context, live: KioskRow | undefined): void {
  const restored = kioskRow(ctx.db, ctx.device);
  const sessionKept =
    isActive(live) && prepared(ctx.db, 'SELECT 1 FROM sessions WHERE id = ?').get(live.session_id) !== undefined;
  if (isActive(live) && sessionKept) {
    write(
      ctx,
      kioskEntity,
      ctx.device,
      Object.fromEntries(kioskEntity.columns.map((column) => [column, live[column]])),
    );
  } else if (isActive(restored)) {
    write(ctx, kioskEntity, ctx.device, kioskEnded(ctx.now()));
  }
}
