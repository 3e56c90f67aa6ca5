import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ConsentPurpose, MemberStatus } from '../../shared/analysis/audience/audience-sql';
import { consentSnapshotSchema, type AudienceInput, type ConsentSnapshot, type DryRun } from '../../shared/ipc/audiences-contract';
import { AppError } from '../../shared/ipc/errors';
import { toCsv } from '../../shared/analysis/campaigns/dashboard-sql';
import type { RuleNode } from '../../shared/specs/segment-rule';
import { segmentProducts } from '../../shared/analysis/segment/compile-segment';
import { SCORE_COLUMNS } from '../../shared/analysis/segment/score-columns';
import type { Destination } from '../../shared/mesh-api';
import { writeFileAtomic } from '../fs/atomic-file';
import { ensurePrivateDir } from '../fs/private-fs';
import type { AppContext } from './app-context';
import { ConsentRechecker } from './consent-recheck';
import { getLogger } from '../logging/logger';

const log = getLogger('audience-builder');

export interface BuiltAudience {
  input: AudienceInput;
  segment: { id: string; name: string; version: number; spec: { rule: RuleNode; as_of: string } };
  destination: Destination;
  rows: Array<{ customer_id: string; status: MemberStatus; email_sha256: string | null }>;
  dataVersions: Record<string, string>;
  /** Score products the segment reads (churn_scores) -> the model version(s) that scored it. */
  modelVersions?: Record<string, string>;
  /** The Customer 360 whose consent the members were filtered by (docs/governance.md). */
  consentSnapshot?: ConsentSnapshot | null;
}

/** The score products (segment/score-columns.ts) a rule reads. */
export function scoreProductsRead(rule: RuleNode): string[] {
  const scores = new Set(Object.values(SCORE_COLUMNS));
  return [...segmentProducts(rule)].filter((p) => scores.has(p)).sort();
}

const localRecordSchema = z.object({
  audienceId: z.string().nullable(),
  version: z.number().nullable(),
  outboxId: z.string(),
  name: z.string(),
  destination: z.string(),
  members: z.array(z.string()),
  holdout: z.array(z.string()),
  /** The holdout design submitted (absent in records written before it was kept). */
  salt: z.string().optional(),
  holdoutPct: z.number().optional(),
  savedAt: z.string(),
  /** The Customer 360 the members were built on (absent in records written before it was kept: unknown). */
  consentSnapshot: consentSnapshotSchema.nullable().optional(),
});
type LocalRecord = z.infer<typeof localRecordSchema>;

/** Builds audiences from saved segments in the engine, and keeps what was submitted for diffs. */
export class AudienceBuilder {
  private readonly dir: string;
  readonly consent: ConsentRechecker;

  constructor(
    private readonly ctx: AppContext,
    now: () => Date = () => new Date(),
  ) {
    this.dir = join(ctx.host.dataDir, 'audiences');
    this.consent = new ConsentRechecker(ctx, now);
  }

  async build(input: AudienceInput): Promise<BuiltAudience> {
    const loaded = this.ctx.services.loadedProducts();
    if (!loaded.some((p) => p.id === 'customers')) throw new AppError('missing_data', 'Pull Customer 360 in the Catalog first: audiences are built from it.');
    const saved = (await this.ctx.workspace.list('segment')).find((s) => s.id === input.segmentId);
    if (!saved) throw new AppError('not_found', 'That saved segment no longer exists. Pick another one.');
    const spec = saved.spec as { rule: RuleNode; as_of?: string };
    const destinations = await this.ctx.services.mesh.listDestinations();
    const destination = destinations.find((d) => d.id === input.destination);
    if (!destination) throw new AppError('unknown_destination', `The mesh offers no destination '${input.destination}'.`);
    const purpose = destination.purpose as ConsentPurpose;
    if (!['email', 'ads', 'analytics'].includes(purpose))
      throw new AppError(
        'unsupported_destination',
        `Destination ${destination.name} needs consent for '${destination.purpose}', which Customer 360 does not record.`,
      );
    const asOf = spec.as_of ?? new Date().toISOString();
    const scores = scoreProductsRead(spec.rule);
    const unloaded = scores.filter((p) => !loaded.some((l) => l.id === p));
    if (unloaded.length > 0) throw new AppError('missing_data', `Pull ${unloaded.join(' and ')} in the Catalog first: this segment uses its scores.`);
    const rows = await this.ctx.services.engine.call('audiences.members', { rule: spec.rule, asOf, purpose, holdoutPct: input.holdout_pct, salt: input.salt });
    // An audience built on model scores names the model that produced them (the data version alone
    // does not say which model a republished product carries).
    const modelVersions = scores.includes('churn_scores')
      ? { churn_scores: (await this.ctx.services.engine.call('planning.churnModelVersions', {})).join(', ') }
      : undefined;
    return {
      input,
      segment: { id: saved.id, name: saved.name, version: saved.version, spec: { rule: spec.rule, as_of: asOf } },
      destination,
      rows,
      dataVersions: Object.fromEntries(loaded.map((p) => [p.id, p.version])),
      ...(modelVersions ? { modelVersions } : {}),
      consentSnapshot: await this.consent.current(),
    };
  }

  async dryRun(built: BuiltAudience): Promise<DryRun> {
    const count = (s: MemberStatus) => built.rows.filter((r) => r.status === s).length;
    const members = new Set(built.rows.filter((r) => r.status === 'member').map((r) => r.customer_id));
    const records = await this.records();
    // Offline: the dry run still answers, without the comparison against the last approved version.
    const audiences = await this.ctx.services.mesh.listAudiences().catch((error: unknown) => {
      log.warn('could not list audiences for the dry run; no comparison with the approved version', { err: error });
      return [];
    });
    const approved = new Set(audiences.filter((a) => a.status === 'approved').map((a) => `${a.id}@${a.version}`));
    const mine = records
      .filter((r) => r.name === built.input.name && r.audienceId && approved.has(`${r.audienceId}@${r.version}`))
      .sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
    const previous = mine
      ? {
          version: mine.version ?? 0,
          adds: [...members].filter((m) => !mine.members.includes(m)).length,
          removes: mine.members.filter((m) => !members.has(m)).length,
          salt: mine.salt ?? null,
          holdout_pct: mine.holdoutPct ?? null,
        }
      : null;
    const latestByName = new Map<string, LocalRecord>();
    for (const r of records) if (r.name !== built.input.name && r.audienceId && approved.has(`${r.audienceId}@${r.version}`)) latestByName.set(r.name, r);
    const overlaps = [...latestByName.values()].map((r) => ({ audience: r.name, shared: r.members.filter((m) => members.has(m)).length }));
    const minMembers = typeof built.destination.min_members === 'number' ? built.destination.min_members : null;
    // The last approved version's members against this Customer 360: who consent changes removed since it was built.
    const previousConsent = mine
      ? (
          await this.consent.recheck(
            mine.members.map((customer_id) => ({ customer_id })),
            built.destination.purpose,
            mine.consentSnapshot ?? null,
            'submit',
          )
        ).view
      : null;
    return {
      segmentName: built.segment.name,
      segmentSize: built.rows.length,
      members: members.size,
      excluded: { no_consent: count('no_consent'), missing_identifier: count('missing_identifier'), holdout: count('holdout') },
      holdoutSize: count('holdout'),
      destination: {
        id: built.destination.id,
        name: built.destination.name,
        purpose: built.destination.purpose,
        identifier: built.destination.identifier,
        min_members: minMembers,
      },
      belowMinimum: minMembers !== null && members.size < minMembers,
      previous,
      overlaps,
      dataVersions: built.dataVersions,
      consent: {
        snapshot: built.consentSnapshot ?? null,
        stale: built.consentSnapshot ? await this.consent.staleProblem('submit', built.consentSnapshot) : null,
        previous: previousConsent,
      },
    };
  }

  /** The review package: hashed members only (never raw PII), and a manifest with their checksum. */
  reviewFiles(built: BuiltAudience, dry: DryRun): { csv: string; manifest: string } {
    const members = built.rows.filter((r) => r.status === 'member').map((r) => ({ customer_id: r.customer_id, email_sha256: r.email_sha256 }));
    const csv = toCsv(['customer_id', 'email_sha256'], members);
    const manifest = {
      audience: built.input.name,
      destination: built.destination.id,
      purpose: built.destination.purpose,
      identifier: built.destination.identifier,
      segment: {
        id: built.segment.id,
        name: built.segment.name,
        version: built.segment.version,
        spec: { kind: 'segment', as_of: built.segment.spec.as_of, rule: built.segment.spec.rule },
      },
      holdout: { holdout_pct: built.input.holdout_pct, salt: built.input.salt, size: dry.holdoutSize },
      data_versions: built.dataVersions,
      ...(built.modelVersions ? { model_version: built.modelVersions } : {}),
      consent_snapshot: built.consentSnapshot ?? 'unknown',
      counts: { segment: dry.segmentSize, members: dry.members, excluded: dry.excluded },
      members_file: { name: 'members.csv', rows: members.length, sha256: createHash('sha256').update(csv).digest('hex') },
      created_at: new Date().toISOString(),
    };
    return { csv, manifest: JSON.stringify(manifest, null, 2) };
  }

  members(built: BuiltAudience) {
    return built.rows.filter((r) => r.status === 'member' && r.email_sha256).map((r) => ({ customer_id: r.customer_id, email_sha256: r.email_sha256! }));
  }

  async remember(built: BuiltAudience, outboxId: string, result: unknown): Promise<void> {
    const created = result as { id?: string; version?: number } | null;
    const record: LocalRecord = {
      audienceId: created?.id ?? null,
      version: created?.version ?? null,
      outboxId,
      name: built.input.name,
      destination: built.destination.id,
      members: built.rows.filter((r) => r.status === 'member').map((r) => r.customer_id),
      holdout: built.rows.filter((r) => r.status === 'holdout').map((r) => r.customer_id),
      salt: built.input.salt,
      holdoutPct: built.input.holdout_pct,
      savedAt: new Date().toISOString(),
      consentSnapshot: built.consentSnapshot ?? null,
    };
    await ensurePrivateDir(this.dir);
    await writeFileAtomic(join(this.dir, `${outboxId}.json`), JSON.stringify(record));
  }

  /** Local records, with mesh ids filled in from the outbox once a queued submission was sent. */
  async records(): Promise<LocalRecord[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const outbox = await this.ctx.services.mesh.outboxItems();
    const out: LocalRecord[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const parsed = await readFile(join(this.dir, name), 'utf8').then(
        (t) => localRecordSchema.safeParse(JSON.parse(t)),
        () => null,
      );
      if (!parsed?.success) continue;
      const record = parsed.data;
      if (!record.audienceId) {
        const sent = outbox.find((i) => i.id === record.outboxId && i.state === 'sent')?.result as { id?: string; version?: number } | undefined;
        if (sent?.id) Object.assign(record, { audienceId: sent.id, version: sent.version ?? null });
      }
      out.push(record);
    }
    return out;
  }
}
