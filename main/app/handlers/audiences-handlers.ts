import type { Handlers } from '../../../shared/ipc/contract';
import { submittedReviewSchema, type AudienceInput } from '../../../shared/ipc/audiences-contract';
import { AppError } from '../../../shared/ipc/errors';
import type { OutboxItem } from '../../mesh/outbox';
import type { AppContext } from '../app-context';
import { AudienceBuilder } from '../audience-builder';
import { holdoutExperimentId } from '../../../shared/analysis/assignments/assignments-sql';
import { getLogger } from '../../logging/logger';
import { segmentProducts } from '../../../shared/analysis/segment/compile-segment';
import { readsForLog } from '../../lineage/product-versions-read';

const log = getLogger('audiences-handlers');
import type { AudienceVersion, Destination } from '../../../shared/mesh-api';
import type { ActivationRecheck } from '../../mesh/mesh-service';
import type { ConsentAction } from '../consent-snapshot';
import { MeshError } from '../../mesh/mesh-error';
import { lastAudienceList, rememberAudienceList, type AudienceListRow } from './audience-list-cache';
import { namedSummary, type OutboxNames } from './outbox-names';
import { audienceVersionView, decidedBy, destinationView, lastApprovedBelow } from './audience-version-view';

function view(item: OutboxItem, names: OutboxNames = NO_NAMES) {
  return {
    id: item.id,
    kind: item.kind,
    summary: namedSummary(item, names),
    state: item.state,
    attempts: item.attempts,
    lastError: item.lastError,
    createdAt: item.createdAt,
    result: item.result ?? null,
  };
}

const NO_NAMES: OutboxNames = { audience: () => undefined, destination: () => undefined };

/** A write the mesh refused (4xx) surfaces as an error with the mesh's own message. */
function settled(item: OutboxItem, names: OutboxNames = NO_NAMES) {
  // A consent refusal keeps its code, so the screen can offer "Refresh Customer 360" beside it.
  const code = item.lastErrorCode === 'consent_withdrawn' ? 'consent_withdrawn' : 'mesh_refused';
  if (item.state === 'failed') throw new AppError(code, item.lastError ?? 'The mesh refused the request.');
  return { item: view(item, names) };
}

export function createAudiencesHandlers(ctx: AppContext): Handlers['audiences'] {
  const builder = new AudienceBuilder(ctx);
  const mesh = () => ctx.services.mesh;
  // Four eyes: an approver, on a pending version someone else requested (the mesh checks it too).
  const canApprove = (session: { user: string; roles: readonly string[] }, a: { status: string; requested_by: string }) =>
    session.roles.includes('approver') && a.status === 'pending_approval' && a.requested_by !== session.user;
  const lastCached = { text: '', at: 0 };
  /** Audience and destination names last seen, so outbox items read by name (the list cache seeds them after a restart). */
  const audienceNames = new Map<string, string>();
  const destinationNames = new Map<string, string>();
  const learnNamed = <T extends { id: string; name: string }>(list: T[]): T[] => {
    list.forEach((d) => destinationNames.set(d.id, d.name));
    return list;
  };
  const names = async (): Promise<OutboxNames> => {
    if (audienceNames.size === 0) {
      const connection = await mesh()
        .endpoint()
        .catch(() => null);
      const cached = connection ? await lastAudienceList(ctx.host.dataDir, connection.id) : null;
      cached?.audiences.forEach((a) => {
        audienceNames.set(a.id, a.name);
        destinationNames.set(a.destination, a.destination_name);
      });
    }
    return { audience: (id) => audienceNames.get(id), destination: (id) => destinationNames.get(id) };
  };
  /** Decisions never change once made, so each decided version's detail is fetched once per session. */
  const decisions = new Map<string, { decided_by: string | null; comment: string | null }>();
  const decisionOf = async (id: string, version: number) => {
    const key = `${id}@${version}`;
    const known = decisions.get(key);
    if (known) return known;
    const detail: AudienceVersion | null = await mesh()
      .getAudienceVersion(id, version)
      .catch(() => null);
    if (!detail || detail.status === 'pending_approval') return null;
    const decision = { decided_by: decidedBy(detail), comment: detail.comment ?? null };
    decisions.set(key, decision);
    return decision;
  };
  /**
   * A version's members (as the mesh accepted them) re-checked against the newest Customer 360
   * on this laptop, with what it was built on (the review package, else this laptop's record).
   */
  const consentOf = async (id: string, version: number, detail: AudienceVersion, destinations: readonly Destination[], action: ConsentAction) => {
    const record = (await builder.records()).find((r) => r.audienceId === id && r.version === version);
    const review = submittedReviewSchema.safeParse(detail.spec?.review);
    const builtOn = (review.success ? review.data.consent_snapshot : undefined) ?? record?.consentSnapshot ?? null;
    const purpose = destinations.find((d) => d.id === detail.destination)?.purpose ?? null;
    // Offline, or a mesh without the members extension: no re-check here; the mesh checks the list itself.
    const members = await mesh()
      .audienceVersionMembers(id, version)
      .then(
        (answer) => answer.members,
        (error: unknown) => {
          log.info('could not list the members of an audience version; consent is not re-checked on this laptop', { err: error, audienceId: id, version });
          return null;
        },
      );
    return builder.consent.recheck(members, purpose, builtOn, action);
  };
  /** The members to activate: the approved ones who still consent, refused while Customer 360 is stale. */
  const activationRecheck = async (id: string, version: number): Promise<ActivationRecheck | null> => {
    const detail = await mesh()
      .getAudienceVersion(id, version)
      .catch((error: unknown) => {
        log.info('could not read the audience version before activating; the mesh checks consent itself', { err: error, audienceId: id, version });
        return null;
      });
    if (!detail) {
      const stale = await builder.consent.staleProblem('activate');
      if (stale) throw new AppError('stale_consent', stale);
      return null;
    }
    const { view, outcome } = await consentOf(id, version, detail, await mesh().listDestinations(), 'activate');
    if (view.stale) throw new AppError('stale_consent', view.stale);
    if (!outcome) return null;
    if (outcome.kept.length === 0 && outcome.removed + outcome.missing > 0)
      throw new AppError('empty_audience', 'No one in this version still consents, so there is nothing to send. Build a new version from the current segment.');
    return {
      members: outcome.kept,
      removed: outcome.removed,
      audit: {
        consent: {
          built_on: view.built_on?.version ?? 'unknown',
          checked_against: view.checked_against?.version ?? null,
          removed: outcome.removed,
          missing: outcome.missing,
          sent: outcome.kept.length,
        },
      },
    };
  };
  /** Identical submissions in flight (a double click) share one build and one outbox item. */
  const submitting = new Map<string, Promise<{ item: ReturnType<typeof view> }>>();
  const submitOnce = async (input: AudienceInput) => {
    const built = await builder.build(input);
    // Consent older than Customer 360's SLA is not sent for approval (docs/governance.md).
    const stale = built.consentSnapshot ? await builder.consent.staleProblem('submit', built.consentSnapshot) : null;
    if (stale) throw new AppError('stale_consent', stale);
    const dry = await builder.dryRun(built);
    if (dry.members === 0)
      throw new AppError(
        'empty_audience',
        'No one in this segment can be sent to this destination (see the exclusions). Widen the segment or pick another destination.',
      );
    // The review package travels with the submission so the approver, on another laptop, reviews
    // the exclusions, the diff and the manifest the requester saw (shown on the version's page).
    const manifest = JSON.parse(builder.reviewFiles(built, dry).manifest) as { counts: unknown; members_file: unknown; created_at: string };
    const review = {
      segment: { id: built.segment.id, name: built.segment.name, version: built.segment.version },
      data_versions: built.dataVersions,
      // The product versions (and contracts) the members came from, for the lineage of this version.
      ...(await readsForLog(ctx.services, segmentProducts(built.segment.spec.rule))),
      counts: manifest.counts,
      members_file: manifest.members_file,
      previous: dry.previous,
      created_at: manifest.created_at,
      consent_snapshot: built.consentSnapshot ?? null,
    };
    const item = await mesh().submitAudience({
      name: input.name,
      spec: { kind: 'segment', as_of: built.segment.spec.as_of, include_members: false, rule: built.segment.spec.rule, review },
      destination: input.destination,
      holdout_pct: input.holdout_pct,
      salt: input.salt,
      members: builder.members(built),
    });
    await builder.remember(built, item.id, item.result);
    return settled(item, await names());
  };

  return {
    destinations: async () => ({
      destinations: learnNamed(await mesh().listDestinations()).map((d) => ({
        id: d.id,
        name: d.name,
        purpose: d.purpose,
        identifier: d.identifier,
        min_members: typeof d.min_members === 'number' ? d.min_members : null,
      })),
    }),
    dryRun: async (input) => builder.dryRun(await builder.build(input)),
    exportReview: async (input) => {
      const built = await builder.build(input);
      const files = builder.reviewFiles(built, await builder.dryRun(built));
      const slug =
        input.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'audience';
      await mesh().logActivity({
        action: 'export',
        summary: `Exported audience ${input.name} for review`,
        details: {
          audience: input.name,
          destination: input.destination,
          members: built.rows.filter((r) => r.status === 'member').length,
          kind: 'audience_members',
          segment: { id: built.segment.id, name: built.segment.name, version: built.segment.version },
          ...(await readsForLog(ctx.services, segmentProducts(built.segment.spec.rule))),
        },
      });
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
      const { id: connectionId } = await mesh().endpoint();
      let audiences;
      try {
        audiences = await mesh().listAudiences();
      } catch (error) {
        // Unreachable: the last list seen on this laptop, marked as such (decisions need the mesh).
        const last = error instanceof MeshError && error.offline ? await lastAudienceList(ctx.host.dataDir, connectionId) : null;
        if (!last) throw error;
        return {
          audiences: last.audiences.map((a) => ({ ...a, canApprove: canApprove(session, a) })),
          me: session.user,
          isApprover: session.roles.includes('approver'),
          offline: true,
          seenAt: last.seenAt,
        };
      }
      const destinations = learnNamed(
        await mesh()
          .listDestinations()
          .catch(() => []),
      );
      for (const a of audiences) audienceNames.set(a.id, a.name);
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
      const rows: AudienceListRow[] = [];
      for (const a of audiences) {
        const record = records.find((r) => r.audienceId === a.id && r.version === Number(a.version));
        const ids = [...new Set(activationIds.get(`${a.id}@${a.version}`) ?? [])];
        const activations = [];
        for (const id of ids) {
          // Offline or gone: the row is listed without that activation's status.
          const act = await mesh()
            .getActivation(id)
            .catch((error: unknown) => {
              log.warn('could not read an activation for the audiences list', { err: error, activationId: id });
              return null;
            });
          if (act)
            activations.push({ id: act.id, status: act.status, error: typeof act.error === 'string' ? act.error : null, member_count: act.member_count });
        }
        const decision = a.status === 'pending_approval' ? null : await decisionOf(a.id, Number(a.version));
        const destination = destinationView(a.destination, destinations);
        const row = {
          id: a.id,
          version: Number(a.version),
          name: a.name,
          status: a.status,
          requested_by: a.requested_by,
          member_count: a.member_count,
          destination: a.destination,
          destination_name: destination.name,
          purpose: destination.purpose,
          decided_by: decision?.decided_by ?? null,
          comment: decision?.comment ?? null,
          canApprove: false,
          holdout: record?.holdout.length ?? 0,
          activations,
        };
        rows.push({ ...row, canApprove: canApprove(session, row) });
      }
      const seenAt = new Date().toISOString();
      // The page polls every few seconds: the cache is rewritten when the list changed, and
      // otherwise once a minute so its "last seen" stays close to the truth.
      const text = JSON.stringify([connectionId, rows]);
      if (text !== lastCached.text || Date.now() - lastCached.at > 60_000) {
        await rememberAudienceList(ctx.host.dataDir, connectionId, rows, seenAt).then(
          () => Object.assign(lastCached, { text, at: Date.now() }),
          () => undefined,
        );
      }
      return { audiences: rows, me: session.user, isApprover: session.roles.includes('approver'), offline: false, seenAt };
    },
    version: async ({ id, version }) => {
      const session = await ctx.services.session();
      const found = await mesh().getAudienceVersion(id, version);
      const all = await mesh().listAudiences();
      const below = lastApprovedBelow(all, id, version);
      const lastApproved = below ? await mesh().getAudienceVersion(id, below.version) : null;
      const destinations = await mesh()
        .listDestinations()
        .catch(() => []);
      const consent = found.status === 'rejected' ? null : (await consentOf(id, version, found, destinations, 'activate')).view;
      return { ...audienceVersionView({ version: found, destinations, lastApproved, session }), consent };
    },
    approve: async ({ id, version, comment }) => settled(await mesh().approve(id, version, comment), await names()),
    reject: async ({ id, version, comment }) => settled(await mesh().reject(id, version, comment), await names()),
    activate: async ({ id, version, resend }) => {
      const recheck = await activationRecheck(id, version);
      return settled(await mesh().activate(id, version, { resend, ...(recheck ? { recheck } : {}) }), await names());
    },
    analyseHoldout: async ({ id, version }) => {
      // The purpose tells which held-out customers could have been sent (the comparable holdout).
      const consentPurpose = (p: string | undefined) => (p === 'email' || p === 'ads' || p === 'analytics' ? p : null);
      const record = (await builder.records()).find((r) => r.audienceId === id && r.version === version);
      if (!record || record.holdout.length === 0)
        throw new AppError('no_holdout', 'This audience version was not built on this laptop with a holdout, so there is no split to analyse.');
      const activation = (await mesh().outboxItems()).find(
        (i) =>
          i.kind === 'activate' &&
          i.state === 'sent' &&
          (i.body as { audience_id?: string; version?: number }).audience_id === id &&
          (i.body as { version?: number }).version === version,
      );
      if (!activation) throw new AppError('not_activated', 'Activate this version first: the holdout is measured from the moment it went out.');
      const experimentId = holdoutExperimentId(id, version);
      await ctx.services.engine.call('assignments.recordHoldout', {
        experimentId,
        members: record.members,
        holdout: record.holdout,
        assignedAt: activation.updatedAt,
        design: {
          name: record.name,
          version,
          holdoutPct: record.holdoutPct ?? null,
          purpose: consentPurpose((await mesh().listDestinations()).find((d) => d.id === record.destination)?.purpose),
        },
      });
      return { experimentId };
    },
    outbox: async () => {
      const known = await names();
      return { items: (await mesh().outboxItems()).map((item) => view(item, known)).reverse() };
    },
    cancelOutbox: async ({ id }) => {
      const { cancelled, item } = await mesh().cancelOutboxItem(id);
      return { cancelled, item: item ? view(item, await names()) : null };
    },
    retryOutbox: async () => {
      await mesh().drainOutbox();
      return { pending: await mesh().outbox.pending() };
    },
  };
}
