import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchInsert } from '../../src/record/batch-insert.ts';
import { openForWriting } from '../../src/record/database.ts';
import { tempDir } from '../support/cli.ts';

describe('BatchInsert', () => {
  it('inserts full batches and the rest on flush, and drops the rows of a failed batch', () => {
    const db = openForWriting(join(tempDir(), 'batch.sqlite'));
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)');
    const insert = new BatchInsert(db, 't', ['k', 'v'], 3);
    for (let k = 1; k <= 5; k++) insert.add(k, `v${k}`);
    insert.flush();
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(5);

    insert.add(6, 'new');
    insert.add(1, 'duplicate');
    expect(() => insert.flush()).toThrow(/UNIQUE/);
    insert.add(7, 'after');
    insert.flush();
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    db.close();
  });

  it('inserts a batch as soon as it is full, and spends the rows of a full batch that fails', () => {
    const db = openForWriting(join(tempDir(), 'full.sqlite'));
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY)');
    const count = (): unknown => db.prepare('SELECT count(*) FROM t').pluck().get();
    const insert = new BatchInsert(db, 't', ['k'], 3);
    insert.add(1);
    insert.add(2);
    expect(count()).toBe(0);
    insert.add(3);
    expect(count()).toBe(3);
    insert.add(4);
    insert.add(5);
    expect(() => insert.add(1)).toThrow(/UNIQUE/);
    insert.flush();
    expect(count()).toBe(3);
    db.close();
  });
});
