import type { Context } from '../context';
import { prepared } from '../db/statements';
import { writeWhenFree } from '../db/transaction';
import { allMembers, replaceMembers } from './members';

/**
 * Runs `restore` (which puts a backup's content in place of the live database, the staff list with it) and then puts
 * back the staff list this device had. Who may sign in is not data a backup should roll back: otherwise a member
 * removed since the backup (gone, or their PIN leaked) signs in again with their old secret, a secret reset since
 * reverts, and a backup from before the first administrator leaves `access.setup` open to anyone at the screen.
 */
export async function keepingMembers<T>(ctx: Context, restore: () => Promise<T>): Promise<T> {
  const members = allMembers(ctx.db);
  const value = await restore();
  // After the restore ctx.db may be a new connection (an encrypted store is reopened on the restored file).
  const db = ctx.db;
  // A backup from before staff members existed (the command line restores it; the next start migrates it) has no
  // table to put them in.
  if (prepared(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'staff_members'").get() === undefined) {
    return value;
  }
  await writeWhenFree(db, () => replaceMembers(db, members));
  return value;
}
