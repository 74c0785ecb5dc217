/**
 * The recording schema. The names users query (tables in version 1, views over compact storage
 * since version 2) are a public interface (DESIGN.md, "Recording"), so changes come only as new
 * migrations, never edits to old ones.
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
  // Version 2: compact storage under new names, the public names become views. Runs and
  // names get integer keys (names in one dictionary: series, principals, agents, policies, event
  // types and subjects); a decision's choice and regret are derived; its detail is kept at the
  // run's level ('full' for runs recorded before); a row's simulation time is stored only where
  // it differs from t.
  `
  CREATE TABLE run (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL UNIQUE,
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
    error TEXT,
    owner_host TEXT,
    owner_pid INTEGER,
    heartbeat_at TEXT,
    detail TEXT NOT NULL DEFAULT 'full' CHECK (detail IN ('full', 'summary', 'none'))
  );
  INSERT INTO run (run_id, world, seed, params_json, engine_version, parent_run_id, status, steps_requested, snapshot_every,
                   steps_completed, started_at, finished_at, error)
    SELECT run_id, world, seed, params_json, engine_version, parent_run_id, status, steps_requested, snapshot_every,
           steps_completed, started_at, finished_at, error
    FROM runs ORDER BY rowid;
  DROP INDEX runs_by_world;
  CREATE INDEX run_by_world ON run (world, status);

  CREATE TABLE dictionary (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  );
  INSERT INTO dictionary (name)
    SELECT name FROM metrics UNION SELECT principal FROM decisions UNION SELECT agent FROM decisions WHERE agent IS NOT NULL
    UNION SELECT policy FROM decisions UNION SELECT type FROM events UNION SELECT subject FROM events;

  CREATE TABLE metric (
    run INTEGER NOT NULL,
    t INTEGER NOT NULL,
    series INTEGER NOT NULL,
    value REAL,
    time REAL,
    PRIMARY KEY (run, t, series)
  ) WITHOUT ROWID;
  INSERT INTO metric SELECT r.id, m.t, n.id, m.value, NULL
    FROM metrics m JOIN run r ON r.run_id = m.run_id JOIN dictionary n ON n.name = m.name ORDER BY r.id, m.t, n.id;

  -- area and expected hold the detail of runs recorded at the 'summary' level; detail the whole
  -- detail value of runs at 'full'. area has no type: a world's areas may be numbers or names.
  CREATE TABLE decision (
    run INTEGER NOT NULL,
    t INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    principal INTEGER NOT NULL,
    agent INTEGER,
    policy INTEGER NOT NULL,
    reward REAL NOT NULL,
    best_reward REAL NOT NULL,
    area,
    expected REAL,
    detail TEXT,
    time REAL,
    PRIMARY KEY (run, t, seq)
  ) WITHOUT ROWID;
  INSERT INTO decision
    SELECT r.id, d.t, d.seq, p.id, a.id, y.id, d.reward, d.best_reward, NULL, NULL, d.detail_json, NULL
    FROM decisions d JOIN run r ON r.run_id = d.run_id JOIN dictionary p ON p.name = d.principal
      LEFT JOIN dictionary a ON a.name = d.agent JOIN dictionary y ON y.name = d.policy
    ORDER BY r.id, d.t, d.seq;

  CREATE TABLE event (
    run INTEGER NOT NULL,
    t INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    type INTEGER NOT NULL,
    subject INTEGER NOT NULL,
    payload_json TEXT NOT NULL,
    time REAL,
    PRIMARY KEY (run, t, seq)
  ) WITHOUT ROWID;
  INSERT INTO event
    SELECT r.id, e.t, e.seq, y.id, s.id, e.payload_json, NULL
    FROM events e JOIN run r ON r.run_id = e.run_id JOIN dictionary y ON y.name = e.type JOIN dictionary s ON s.name = e.subject
    ORDER BY r.id, e.t, e.seq;

  CREATE TABLE snapshot (
    run INTEGER NOT NULL,
    t INTEGER NOT NULL,
    state_json TEXT NOT NULL,
    time REAL,
    PRIMARY KEY (run, t)
  ) WITHOUT ROWID;
  INSERT INTO snapshot SELECT r.id, s.t, s.state_json, NULL FROM snapshots s JOIN run r ON r.run_id = s.run_id ORDER BY r.id, s.t;

  DROP TABLE metrics;
  DROP TABLE decisions;
  DROP TABLE events;
  DROP TABLE snapshots;
  DROP TABLE runs;

  CREATE VIEW runs AS
    SELECT run_id, world, seed, params_json, engine_version, parent_run_id, status, steps_requested, snapshot_every,
           steps_completed, started_at, finished_at, error, owner_host, owner_pid, heartbeat_at, detail
    FROM run;

  CREATE VIEW run_params AS
    SELECT r.run_id, p.key, p.value FROM run r, json_each(r.params_json) p;

  CREATE VIEW metrics AS
    SELECT r.run_id, m.t, n.name, m.value, coalesce(m.time, m.t) AS time
    FROM metric m JOIN run r ON r.id = m.run JOIN dictionary n ON n.id = m.series;

  -- Decisions with their stored detail columns, as replay compares them.
  CREATE VIEW decision_rows AS
    SELECT r.run_id, d.t, d.seq, p.name AS principal, CASE WHEN d.agent IS NULL THEN 'self' ELSE 'delegate' END AS choice,
           a.name AS agent, y.name AS policy, d.reward, d.best_reward, d.best_reward - d.reward AS regret,
           d.area, d.expected, d.detail, coalesce(d.time, d.t) AS time
    FROM decision d JOIN run r ON r.id = d.run JOIN dictionary p ON p.id = d.principal
      LEFT JOIN dictionary a ON a.id = d.agent JOIN dictionary y ON y.id = d.policy;

  -- A summary's typed columns read back as JSON (json_patch drops the null ones).
  CREATE VIEW decisions AS
    SELECT run_id, t, seq, principal, choice, agent, policy, reward, best_reward, regret,
           coalesce(detail, json_patch('{}', json_object('area', area, 'expected', expected))) AS detail_json, time
    FROM decision_rows;

  CREATE VIEW events AS
    SELECT r.run_id, e.t, e.seq, y.name AS type, s.name AS subject, e.payload_json, coalesce(e.time, e.t) AS time
    FROM event e JOIN run r ON r.id = e.run JOIN dictionary y ON y.id = e.type JOIN dictionary s ON s.id = e.subject;

  CREATE VIEW snapshots AS
    SELECT r.run_id, s.t, s.state_json, coalesce(s.time, s.t) AS time FROM snapshot s JOIN run r ON r.id = s.run;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The per-step tables, in the order replay compares them: each row as the recorder writes it
 * (`columns`), read from a schema version 2 file through `relation` and from a version 1 file
 * through `v1` (its own table, where detail_json is the whole detail and time is t).
 */
export const STEP_TABLES = {
  metrics: { columns: ['t', 'name', 'value', 'time'], order: 't, name', relation: 'metrics', v1: 't, name, value, t' },
  decisions: {
    columns: ['t', 'seq', 'principal', 'choice', 'agent', 'policy', 'reward', 'best_reward', 'regret', 'area', 'expected', 'detail', 'time'],
    order: 't, seq',
    relation: 'decision_rows',
    v1: 't, seq, principal, choice, agent, policy, reward, best_reward, regret, NULL, NULL, detail_json, t',
  },
  events: {
    columns: ['t', 'seq', 'type', 'subject', 'payload_json', 'time'],
    order: 't, seq',
    relation: 'events',
    v1: 't, seq, type, subject, payload_json, t',
  },
  snapshots: { columns: ['t', 'state_json', 'time'], order: 't', relation: 'snapshots', v1: 't, state_json, t' },
} as const;

export type StepTable = keyof typeof STEP_TABLES;

export const STEP_TABLE_NAMES = Object.keys(STEP_TABLES) as StepTable[];
