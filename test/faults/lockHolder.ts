/**
 * Another process holding the SQLite write lock, as a second newsdigest or an operator's sqlite3
 * shell would: `node --import tsx test/faults/lockHolder.ts <db file> <hold ms>` takes BEGIN
 * IMMEDIATE, writes a row inside it (a lease held for an hour), prints LOCKED, holds the lock for <hold ms>, commits, prints
 * RELEASED and exits.
 */
import Database from 'better-sqlite3';

const [file, holdArg] = process.argv.slice(2);
const holdMs = Number(holdArg);
if (!file || !Number.isFinite(holdMs)) throw new Error('usage: lockHolder.ts <db file> <hold ms>');

const db = new Database(file, { fileMustExist: true, timeout: 5000 });
db.prepare('BEGIN IMMEDIATE').run();
db.prepare('INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)').run('lock-holder', String(process.pid), new Date(Date.now() + 3_600_000).toISOString());
process.stdout.write('LOCKED\n');
setTimeout(() => {
  db.prepare('COMMIT').run();
  db.close();
  process.stdout.write('RELEASED\n');
}, holdMs);
