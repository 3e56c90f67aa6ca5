import type { Handlers } from '../../../shared/ipc/contract';
import type { AudienceInput } from '../../../shared/ipc/audiences-contract';
import { AppError } from '../../../shared/ipc/errors';
import type { OutboxItem } from '../../mesh/outbox';
import type { AppContext } from '../app-context';
import { AudienceBuilder } from '../audience-builder';
import { holdoutExperimentId } from '../../../shared/analysis/assignments/assignments-sql';

function view(item: OutboxItem) {
  return { id: item.id, kind: item.kind, summary: item.summary, state: item.state, attempts: item.attempts, lastError: item.lastError, createdAt: item.createdAt, result: item.result ?? null };
}

/** A write the mesh refused (4xx) surfaces as an error with the mesh's own message. */
function settled(item: OutboxItem) {
  if (item.state === 'failed') throw new AppError('mesh_refused', item.lastError ?? 'The mesh refused the request.');
  return { item: view(item) };
}

export function createAudiencesHandlers(ctx: AppContext): Handlers['audiences'] {
  const builder = new AudienceBuilder(ctx);
  const mesh = () => ctx.services.mesh;
  /** Identical submissions in flight (a double click) share one build and one outbox item. */
  const submitting = new Map<string, Promise<{ item: ReturnType<typeof view> }>>();
  const submitOnce = async (input: AudienceInput) => {
    const built = await builder.build(input);
    const dry = await builder.dryRun(built);
    if (dry.members === 0) throw new AppError('empty_audience', 'No one in this segment can be sent to this destination (see the exclusions). Widen the segment or pick another destination.');
    const item = await mesh().submitAudience({
      name: input.name,
      spec: { kind: 'segment', as_of: built.segment.spec.as_of, include_members: false, rule: built.segment.spec.rule },
      destination: input.destination,
      holdout_pct: input.holdout_pct,
      salt: input.salt,
      members: builder.members(built),
    });
    await builder.remember(built, item.id, item.result);
    return settled(item);
  };

  return {
    destinations: async () => ({
      destinations: (await mesh().listDestinations()).map((d) => ({ id: d.id, name: d.name, purpose: d.purpose, identifier: d.identifier, min_members: typeof d.min_members === 'number' ? d.min_members : null })),
    }),
    dryRun: async (input) => builder.dryRun(await builder.build(input)),
    exportReview: async (input) => {
      const built = await builder.build(input);
      const files = builder.reviewFiles(built, await builder.dryRun(built));
      const slug = input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'audience';
      await mesh().logActivity({ action: 'export', summary: `Exported audience ${input.name} for review`, details: { audience: input.name, destination: input.destination, members: built.rows.filter((r) => r.status === 'member').length } });
      return { ...files, csvName: `${slug}-members.csv`, manifestName: `${slug}-manifest.json` };
    },
    submit: (input) => {
      const key = JSON.stringify([input.name, input.segmentId, input.destination, input.holdout_pct, input.salt]);
      const running = submitting.get(key);
      if (running) return running;
      const started = submitOnce(input).finally(() => submitting.delete(key));
      submitting.set(key, started);
      return started;
    },
    list: async () => {
      const session = await ctx.services.session();
      const audiences = await mesh().listAudiences();
      const outbox = await mesh().outboxItems();
      const activationIds = new Map<string, string[]>();
      for (const item of outbox) {
        if (item.kind !== 'activate' || item.state !== 'sent') continue;
        const body = item.body as { audience_id: string; version: number };
        const id = (item.result as { id?: string } | null)?.id;
        if (!id) continue;
        const key = `${body.audience_id}@${body.version}`;
        activationIds.set(key, [...(activationIds.get(key) ?? []), id]);
      }
      const records = await builder.records();
      const rows = [];
      for (const a of audiences) {
        const record = records.find((r) => r.audienceId === a.id && r.version === Number(a.version));
        const ids = [...new Set(activationIds.get(`${a.id}@${a.version}`) ?? [])];
        const activations = [];
        for (const id of ids) {
          const act = await mesh().getActivation(id).catch(() => null);
          if (act) activations.push({ id: act.id, status: act.status, error: typeof act.error === 'string' ? act.error : null, member_count: act.member_count });
        }
        rows.push({
          id: a.id,
          version: Number(a.version),
          name: a.name,
          status: a.status,
          requested_by: a.requested_by,
          member_count: a.member_count,
          destination: a.destination,
          canApprove: session.roles.includes('approver') && a.status === 'pending_approval' && a.requested_by !== session.user,
          holdout: record?.holdout.length ?? 0,
          activations,
        });
      }
      return { audiences: rows, me: session.user, isApprover: session.roles.includes('approver') };
    },
    approve: async ({ id, version, comment }) => settled(await mesh().approve(id, version, comment)),
    reject: async ({ id, version, comment }) => settled(await mesh().reject(id, version, comment)),
    activate: async ({ id, version, resend }) => settled(await mesh().activate(id, version, { resend })),
    analyseHoldout: async ({ id, version }) => {
      // The purpose tells which held-out customers could have been sent (the comparable holdout).
      const consentPurpose = (p: string | undefined) => (p === 'email' || p === 'ads' || p === 'analytics' ? p : null);
      const record = (await builder.records()).find((r) => r.audienceId === id && r.version === version);
      if (!record || record.holdout.length === 0) throw new AppError('no_holdout', 'This audience version was not built on this laptop with a holdout, so there is no split to analyse.');
      const activation = (await mesh().outboxItems()).find((i) => i.kind === 'activate' && i.state === 'sent' && (i.body as { audience_id?: string; version?: number }).audience_id === id && (i.body as { version?: number }).version === version);
      if (!activation) throw new AppError('not_activated', 'Activate this version first: the holdout is measured from the moment it went out.');
      const experimentId = holdoutExperimentId(id, version);
      await ctx.services.engine.call('assignments.recordHoldout', {
        experimentId,
        members: record.members,
        holdout: record.holdout,
        assignedAt: activation.updatedAt,
        design: { name: record.name, version, holdoutPct: record.holdoutPct ?? null, purpose: consentPurpose((await mesh().listDestinations()).find((d) => d.id === record.destination)?.purpose) },
      });
      return { experimentId };
    },
    outbox: async () => ({ items: (await mesh().outboxItems()).map(view).reverse() }),
    cancelOutbox: async ({ id }) => {
      const { cancelled, item } = await mesh().cancelOutboxItem(id);
      return { cancelled, item: item ? view(item) : null };
    },
    retryOutbox: async () => {
      await mesh().drainOutbox();
      return { pending: await mesh().outbox.pending() };
    },
  };
}
