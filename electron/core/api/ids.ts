/**
 * A new record id: a UUID version 7 (RFC 9562), whose first 48 bits are the time in milliseconds. Every table and
 * index keyed by id then grows at its end instead of at a random page: a check-in writes fewer pages before its
 * durable commit, and imports split fewer pages. The other 74 bits are random, so two offline kiosks never pick
 * the same id. Web Crypto, so the screens make their nonces with the same function.
 */
export function newId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  let time = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let id = '';
  for (let i = 0; i < 16; i++) id += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + hex[bytes[i] ?? 0];
  return id;
}

// Two hex digits per byte, looked up rather than formatted: an import makes two ids per person.
const hex = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Random bytes from a pool refilled 4 KB at a time: asking the system for randomness costs about as much as
 * writing a row, and an import of 100,000 people needs an id and a code for each.
 */
export function randomBytes(count: number): Uint8Array {
  if (used + count > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  used += count;
  return pool.slice(used - count, used);
}

const pool = new Uint8Array(4096);
let used = pool.length;
