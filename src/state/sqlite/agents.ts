/** Agents on DPs and devices, and the (run id, agent) results already received (docs/design.md 4 `updops agent`). */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import type { AgentRecord, AgentRegistration } from '../store.js';
import { toAgent, type AgentRow } from '../rows.js';
import { recordUnlicensedUpdates } from './missed.js';

export function getAgent(db: SqliteDatabase, name: string): AgentRecord | undefined {
  const row = db.prepare('SELECT * FROM agents WHERE name = ?').get(name) as AgentRow | undefined;
  return row ? toAgent(row) : undefined;
}

export function upsertAgent(db: SqliteDatabase, agent: AgentRegistration, now: Date): AgentRecord {
  const at = agent.at ?? now.toISOString();
  db.prepare(
    `INSERT INTO agents (name, role, os, version, registered_at, last_seen, status_json, heartbeat_seconds) VALUES (@name, @role, @os, @version, @at, @at, NULL, @heartbeat)
     ON CONFLICT (name) DO UPDATE SET role = @role, os = @os, version = @version, registered_at = @at, last_seen = @at, heartbeat_seconds = @heartbeat`,
  ).run({ name: agent.name, role: agent.role, os: agent.os, version: agent.version, at, heartbeat: agent.heartbeatSeconds ?? null });
  return getAgent(db, agent.name) as AgentRecord;
}

/** The agent's row and, with a count, its licence row (the larger count wins), in one transaction. */
export function recordHeartbeat(db: SqliteDatabase, name: string, status: Record<string, unknown> | undefined, at: string, unlicensedUpdates?: number): AgentRecord {
  return db.transaction(() => {
    const sql = status === undefined ? 'UPDATE agents SET last_seen = ? WHERE name = ?' : 'UPDATE agents SET last_seen = ?, status_json = ? WHERE name = ?';
    const args = status === undefined ? [at, name] : [at, JSON.stringify(status), name];
    const { changes } = db.prepare(sql).run(...args);
    if (changes === 0) throw new UpdopsError('NOT_FOUND', `no agent named ${name} has registered`);
    if (unlicensedUpdates !== undefined) recordUnlicensedUpdates(db, name, unlicensedUpdates, at);
    return getAgent(db, name) as AgentRecord;
  })();
}

export function listAgents(db: SqliteDatabase): AgentRecord[] {
  return (db.prepare('SELECT * FROM agents ORDER BY name').all() as AgentRow[]).map(toAgent);
}

export function claimAgentResult(db: SqliteDatabase, runId: string, agent: string, at: string): boolean {
  return db.prepare('INSERT OR IGNORE INTO agent_results (run_id, agent, received_at) VALUES (?, ?, ?)').run(runId, agent, at).changes === 1;
}
