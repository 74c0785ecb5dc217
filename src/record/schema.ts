/**
 * The recording schema. The tables are a public interface (DESIGN.md, "Recording"): users
 * query them directly, so changes come only as new migrations, never edits to old ones.
 */

/** 'alns' — marks a SQLite file as an alignsim recording (PRAGMA application_id). */
export const APPLICATION_ID = 0x616c6e73;

/** migrations[i] takes a database from schema version i to i + 1. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    world TEXT NOT NULL,
    seed INTEGER NOT NULL,
    params_json TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    parent_run_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('created', 'running', 'completed', 'failed', 'interrupted')),
    steps_requested INTEGER NOT NULL,
    snapshot_every INTEGER NOT NULL DEFAULT 0,
    steps_completed INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    finished_at TEXT,
    error TEXT
  );
  CREATE INDEX runs_by_world ON runs (world, status);

  CREATE TABLE metrics (
    run_id TEXT NOT NULL,
    t INTEGER NOT NULL,
    name TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (run_id, t, name)
  ) WITHOUT ROWID;

  -- The step tables have only their primary keys, which a run appends to in order. A secondary
  -- index (decisions by principal, metrics by name) scatters every step's rows over the index
  -- and made writing several times slower; an analysis that needs one can add it.
  CREATE TABLE decisions (
    run_id TEXT NOT NULL,
    t INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    principal TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('self', 'delegate')),
    agent TEXT,
    policy TEXT NOT NULL,
    reward REAL NOT NULL,
    best_reward REAL NOT NULL,
    regret REAL NOT NULL,
    detail_json TEXT NOT NULL,
    PRIMARY KEY (run_id, t, seq)
  ) WITHOUT ROWID;

  CREATE TABLE events (
    run_id TEXT NOT NULL,
    t INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    PRIMARY KEY (run_id, t, seq)
  ) WITHOUT ROWID;

  CREATE TABLE snapshots (
    run_id TEXT NOT NULL,
    t INTEGER NOT NULL,
    state_json TEXT NOT NULL,
    PRIMARY KEY (run_id, t)
  ) WITHOUT ROWID;
  `,
  // Who is recording a run while it runs: the process (host and pid) and when it last showed
  // signs of life. Cleared when the run ends; what is left on a 'running' run tells a crash.
  `
  ALTER TABLE runs ADD COLUMN owner_host TEXT;
  ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
  ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The per-step tables, in the order replay compares them, with the columns that identify a row. */
export const STEP_TABLES = {
  metrics: { columns: ['t', 'name', 'value'], order: 't, name' },
  decisions: {
    columns: ['t', 'seq', 'principal', 'choice', 'agent', 'policy', 'reward', 'best_reward', 'regret', 'detail_json'],
    order: 't, seq',
  },
  events: { columns: ['t', 'seq', 'type', 'subject', 'payload_json'], order: 't, seq' },
  snapshots: { columns: ['t', 'state_json'], order: 't' },
} as const;

export type StepTable = keyof typeof STEP_TABLES;

export const STEP_TABLE_NAMES = Object.keys(STEP_TABLES) as StepTable[];
