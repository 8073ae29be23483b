import { describe, expect, it } from 'vitest';
import { nairobi, ok, tempCore } from '../helpers';

describe('0020 hub sync', () => {
  it('keeps one hub per event, also for an event not here yet, and a second join replaces the first', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const db = core.ctx.db;
    const insert = db.prepare("INSERT INTO hub_links (event_id, url, passphrase, joined_at) VALUES (?, ?, 'p', 'now')");
    insert.run(event.id, 'http://10.0.0.2:4322');
    expect(() => insert.run(event.id, 'http://10.0.0.3:4322')).toThrow(/UNIQUE/);
    // A kiosk joins the hub of an event it does not have yet: its first round brings it.
    insert.run('00000000-0000-4000-8000-000000000000', 'http://10.0.0.2:4322');
    expect(() => db.prepare("UPDATE hub_links SET failures = 'many'").run()).toThrow(/cannot store TEXT/);
    db.prepare('DELETE FROM hub_links').run();

    await ok(core, 'sync.hub.join', { eventId: event.id, url: 'http://10.0.0.2:4322', passphrase: 'passphrase one' });
    await ok(core, 'sync.hub.join', { eventId: event.id, url: 'http://10.0.0.3:4322', passphrase: 'passphrase two' });
    expect(db.prepare('SELECT url, passphrase, failures FROM hub_links').all()).toEqual([
      { url: 'http://10.0.0.3:4322', passphrase: 'passphrase two', failures: 0 },
    ]);
  });
});
