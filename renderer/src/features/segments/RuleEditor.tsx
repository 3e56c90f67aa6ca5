import type { RuleNode, Scalar } from '../../../../shared/specs/segment-rule';
import { NumberField } from '../../ui/NumberField';
import { humanize } from '../../../../shared/display-names';

import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { addChild, children, nodeIssues, removeAt, updateAt, type Path } from './rule-model';
import { FIELD_LIMITS, type ConditionField, type FieldError } from './field-errors';
import { propertyTooltip, valueLabel, type PropertyOption } from './property-names';
import { ValueChips } from './ValueChips';

/** A Customer 360 column as the contract's customerColumns call describes it. */
export type ColumnInfo = Awaited<ReturnType<MeshworkApi['analysis']['customerColumns']>>['columns'][number];

export interface EditorContext {
  /** The properties this role may filter on, with their display names. */
  columns: PropertyOption[];
  events: string[];
  conversions: string[];
  asOf: string;
  root: RuleNode;
  onChange: (root: RuleNode) => void;
  /** The engine's last error, placed on its condition and field (field-errors.ts). */
  serverError: FieldError | null;
}

/** The messages for one condition's fields: its own checks first, then the engine's error if it points here. */
function issuesAt(node: RuleNode, path: Path, ctx: EditorContext): Map<ConditionField | null, string> {
  const out = new Map<ConditionField | null, string>();
  if ('attribute' in node && node.attribute && !ctx.columns.some((c) => c.name === node.attribute))
    out.set('attribute', 'This property is not available to you (personal data, or not in your extract); pick another.');
  for (const issue of nodeIssues(node)) if (!out.has(issue.field)) out.set(issue.field, issue.message);
  const server = ctx.serverError;
  if (server && server.node.join('-') === path.join('-') && !out.has(server.field)) out.set(server.field, server.message);
  return out;
}

/** A message shown right at the field it concerns. */
function FieldIssue({ issues, field, testId }: { issues: Map<ConditionField | null, string>; field: ConditionField | null; testId: string }) {
  const message = issues.get(field);
  if (!message) return null;
  return (
    <span className="field-error" role="alert" data-testid={`${testId}-issue`}>
      {message}
    </span>
  );
}

const OPS_BY_KIND: Record<ColumnInfo['kind'], string[]> = {
  string: ['in', 'not_in', '=', '!=', 'contains', 'starts_with', 'is_null', 'is_not_null'],
  number: ['>=', '>', '<=', '<', '=', '!=', 'between', 'is_null', 'is_not_null'],
  time: ['>=', '<=', 'between', 'is_null', 'is_not_null'],
  boolean: ['=', 'is_null', 'is_not_null'],
  other: ['is_null', 'is_not_null'],
};

const OP_LABEL: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'less than',
  '<=': 'at most',
  '>': 'more than',
  '>=': 'at least',
  in: 'is any of',
  not_in: 'is none of',
  between: 'between',
  contains: 'contains',
  starts_with: 'starts with',
  is_null: 'is empty',
  is_not_null: 'is not empty',
};

function blankFor(column: ColumnInfo | undefined, op: string): Scalar | Scalar[] | undefined {
  if (op === 'is_null' || op === 'is_not_null') return undefined;
  if (op === 'in' || op === 'not_in') return [];
  if (op === 'between') return column?.kind === 'number' ? [0, 0] : ['', ''];
  if (column?.kind === 'boolean') return true;
  return '';
}

function daysAgo(asOf: string, days: number): string {
  return new Date(Date.parse(asOf) - days * 86_400_000).toISOString().slice(0, 10);
}

function ValueInput({
  column,
  value,
  onChange,
  testId,
  asOf,
}: {
  column: ColumnInfo | undefined;
  value: unknown;
  onChange: (v: Scalar) => void;
  testId: string;
  asOf: string;
}) {
  if (column?.kind === 'number')
    return (
      <NumberField
        min={-1e15}
        max={1e15}
        value={typeof value === 'number' ? value : undefined}
        onChange={(v) => onChange(v ?? '')}
        testId={testId}
        ariaLabel="Value"
      />
    );
  if (column?.kind === 'boolean')
    return (
      <select value={String(value)} onChange={(e) => onChange(e.target.value === 'true')} data-testid={testId} aria-label="Value">
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  if (column?.kind === 'time')
    return (
      <span className="row">
        <input
          type="date"
          value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
          aria-label="Date"
        />
        <select aria-label="Relative date" value="" onChange={(e) => e.target.value && onChange(daysAgo(asOf, Number(e.target.value)))}>
          <option value="">or relative…</option>
          {[7, 30, 90, 365].map((d) => (
            <option key={d} value={d}>
              {d} days before as-of
            </option>
          ))}
        </select>
      </span>
    );
  if (column?.values)
    return (
      <select value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-label="Value">
        <option value="">Pick…</option>
        {column.values.map((v) => (
          <option key={v} value={v} title={v}>
            {valueLabel(column.name, v)}
          </option>
        ))}
      </select>
    );
  return (
    <input type="text" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-label="Value" />
  );
}

function AttributeEditor({ node, path, ctx }: { node: Extract<RuleNode, { attribute: string }>; path: Path; ctx: EditorContext }) {
  const column = ctx.columns.find((c) => c.name === node.attribute);
  const ops = OPS_BY_KIND[column?.kind ?? 'other'];
  const set = (next: RuleNode) => ctx.onChange(updateAt(ctx.root, path, () => next));
  const value = (node as { value?: unknown }).value;
  const tid = `rule-${path.join('-')}`;
  const issues = issuesAt(node, path, ctx);
  return (
    <span className="row">
      <span className="field-inline-number">
        <select
          value={node.attribute}
          aria-label="Property"
          title={column ? propertyTooltip(column) : node.attribute}
          aria-invalid={issues.has('attribute')}
          data-testid={`${tid}-attribute`}
          onChange={(e) => {
            const col = ctx.columns.find((c) => c.name === e.target.value);
            const op = OPS_BY_KIND[col?.kind ?? 'other'][0]!;
            const v = blankFor(col, op);
            set(v === undefined ? ({ attribute: e.target.value, op } as RuleNode) : ({ attribute: e.target.value, op, value: v } as RuleNode));
          }}
        >
          {!column && <option value={node.attribute}>{node.attribute}</option>}
          {ctx.columns.map((c) => (
            <option key={c.name} value={c.name} title={propertyTooltip(c)}>
              {c.label}
            </option>
          ))}
        </select>
        <FieldIssue issues={issues} field="attribute" testId={`${tid}-attribute`} />
      </span>
      <select
        value={node.op}
        aria-label="Comparison"
        data-testid={`${tid}-op`}
        onChange={(e) => {
          const v = blankFor(column, e.target.value);
          set(
            v === undefined
              ? ({ attribute: node.attribute, op: e.target.value } as RuleNode)
              : ({ attribute: node.attribute, op: e.target.value, value: v } as RuleNode),
          );
        }}
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {OP_LABEL[op]}
          </option>
        ))}
      </select>
      <FieldIssue issues={issues} field="op" testId={`${tid}-op`} />
      {(node.op === 'in' || node.op === 'not_in') && (
        <span className="field-inline-number">
          <ValueChips
            options={column?.values ?? null}
            value={((value as Scalar[]) ?? []).map(String)}
            label={(v) => valueLabel(node.attribute, v)}
            invalid={issues.has('values')}
            testId={`${tid}-values`}
            onChange={(values) => set({ ...node, value: values.map((s) => (column?.kind === 'number' ? Number(s) : s)) } as RuleNode)}
          />
          <FieldIssue issues={issues} field="values" testId={`${tid}-values`} />
        </span>
      )}
      {node.op === 'between' && Array.isArray(value) && (
        <>
          <ValueInput
            column={column}
            value={value[0]}
            asOf={ctx.asOf}
            testId={`${tid}-lo`}
            onChange={(v) => set({ ...node, value: [v, value[1]] } as RuleNode)}
          />
          <FieldIssue issues={issues} field="lo" testId={`${tid}-lo`} />
          and
          <ValueInput
            column={column}
            value={value[1]}
            asOf={ctx.asOf}
            testId={`${tid}-hi`}
            onChange={(v) => set({ ...node, value: [value[0], v] } as RuleNode)}
          />
          <FieldIssue issues={issues} field="hi" testId={`${tid}-hi`} />
        </>
      )}
      {!['in', 'not_in', 'between', 'is_null', 'is_not_null'].includes(node.op) && (
        <>
          <ValueInput column={column} value={value} asOf={ctx.asOf} testId={`${tid}-value`} onChange={(v) => set({ ...node, value: v } as RuleNode)} />
          <FieldIssue issues={issues} field="value" testId={`${tid}-value`} />
        </>
      )}
    </span>
  );
}

function CountEditor({ node, path, ctx }: { node: Extract<RuleNode, { min_count: number }>; path: Path; ctx: EditorContext }) {
  const isEvent = 'event' in node;
  const name = isEvent ? node.event : (node as { conversion: string }).conversion;
  const options = isEvent ? ctx.events : ctx.conversions;
  const set = (patch: Record<string, unknown>) => {
    const next: Record<string, unknown> = { ...node, ...patch };
    for (const k of ['max_count', 'within_days']) if (next[k] === undefined || next[k] === '' || Number.isNaN(next[k])) delete next[k];
    ctx.onChange(updateAt(ctx.root, path, () => next as RuleNode));
  };
  const tid = `rule-${path.join('-')}`;
  const issues = issuesAt(node, path, ctx);
  return (
    <span className="row">
      {isEvent ? 'did' : 'converted as'}
      <select
        value={name}
        aria-label={isEvent ? 'Event' : 'Conversion type'}
        data-testid={`${tid}-name`}
        onChange={(e) => set(isEvent ? { event: e.target.value } : { conversion: e.target.value })}
      >
        <option value="">Pick…</option>
        {options.map((o) => (
          <option key={o} value={o} title={o}>
            {humanize(o)}
          </option>
        ))}
      </select>
      <FieldIssue issues={issues} field="name" testId={`${tid}-name`} />
      at least{' '}
      <NumberField
        min={0}
        max={FIELD_LIMITS.maxCount}
        integer
        unit="times"
        className="narrow"
        value={node.min_count}
        ariaLabel="At least"
        testId={`${tid}-min`}
        onChange={(v) => set({ min_count: v ?? 0 })}
      />
      <FieldIssue issues={issues} field="min" testId={`${tid}-min`} />
      at most{' '}
      <NumberField
        min={node.min_count}
        max={1_000_000}
        integer
        optional
        unit="times"
        className="narrow"
        placeholder="any"
        value={node.max_count}
        ariaLabel="At most"
        testId={`${tid}-max`}
        onChange={(v) => set({ max_count: v })}
      />
      <FieldIssue issues={issues} field="max" testId={`${tid}-max`} />
      times in the last{' '}
      <NumberField
        min={FIELD_LIMITS.minDays}
        max={FIELD_LIMITS.maxDays}
        integer
        optional
        unit="days"
        className="narrow"
        placeholder="all"
        value={node.within_days}
        ariaLabel="Within days"
        testId={`${tid}-days`}
        onChange={(v) => set({ within_days: v })}
      />{' '}
      days
      <FieldIssue issues={issues} field="days" testId={`${tid}-days`} />
    </span>
  );
}

/** One node of the rule tree: a group (all / any, negatable) or a condition. */
export function RuleEditor({ node, path, ctx }: { node: RuleNode; path: Path; ctx: EditorContext }) {
  const tid = `rule-${path.join('-') || 'root'}`;
  const remove =
    path.length > 0 ? (
      <button
        type="button"
        className="icon-button"
        aria-label="Remove"
        title="Remove"
        onClick={() => ctx.onChange(removeAt(ctx.root, path))}
        data-testid={`${tid}-remove`}
      >
        ×
      </button>
    ) : null;
  if ('not' in node) {
    return (
      <div className="rule-group rule-not" data-testid={tid}>
        <div className="rule-head">
          <strong>NOT</strong> (excludes everyone matching this) {remove}
          <button type="button" className="btn btn-small" onClick={() => ctx.onChange(updateAt(ctx.root, path, (n) => ('not' in n ? n.not : n)))}>
            Un-negate
          </button>
        </div>
        <RuleEditor node={node.not} path={[...path, 0]} ctx={ctx} />
      </div>
    );
  }
  const kids = children(node);
  if (kids) {
    const isAll = 'all' in node;
    const add = (child: RuleNode) => ctx.onChange(addChild(ctx.root, path, child));
    const firstColumn = ctx.columns.find((c) => c.name === 'country') ?? ctx.columns[0];
    return (
      <div className={`rule-group ${isAll ? 'rule-all' : 'rule-any'}`} data-testid={tid}>
        <div className="rule-head">
          <select
            value={isAll ? 'all' : 'any'}
            aria-label="Group logic"
            data-testid={`${tid}-logic`}
            onChange={(e) => ctx.onChange(updateAt(ctx.root, path, () => (e.target.value === 'all' ? { all: kids } : { any: kids })))}
          >
            <option value="all">All of these (AND)</option>
            <option value="any">Any of these (OR)</option>
          </select>
          {kids.length === 0 && <span className="muted">{isAll ? 'An empty group matches everyone.' : 'An empty OR group matches no one.'}</span>}
          {path.length > 0 && (
            <button type="button" className="btn btn-small" onClick={() => ctx.onChange(updateAt(ctx.root, path, (n) => ({ not: n })))}>
              Negate
            </button>
          )}
          {remove}
        </div>
        {kids.map((child, i) => (
          <RuleEditor key={i} node={child} path={[...path, i]} ctx={ctx} />
        ))}
        <div className="rule-add row">
          <select
            value=""
            aria-label="Add"
            data-testid={`${tid}-add`}
            onChange={(e) => {
              const kind = e.target.value;
              if (kind === 'attribute' && firstColumn)
                add({
                  attribute: firstColumn.name,
                  op: OPS_BY_KIND[firstColumn.kind][0]!,
                  value: blankFor(firstColumn, OPS_BY_KIND[firstColumn.kind][0]!),
                } as RuleNode);
              if (kind === 'event') add({ event: '', min_count: 1, within_days: 30 });
              if (kind === 'conversion') add({ conversion: '', min_count: 1, within_days: 90 });
              if (kind === 'consent') add({ consent: 'ads' });
              if (kind === 'all') add({ all: [] });
              if (kind === 'any') add({ any: [] });
            }}
          >
            <option value="">+ Add…</option>
            <option value="attribute">Customer attribute</option>
            <option value="event">Behaviour (did an event)</option>
            <option value="conversion">Conversion</option>
            <option value="consent">Consent</option>
            <option value="all">Group: all of (AND)</option>
            <option value="any">Group: any of (OR)</option>
          </select>
        </div>
      </div>
    );
  }
  const issues = issuesAt(node, path, ctx);
  return (
    <div className={issues.size > 0 ? 'rule-cond rule-invalid' : 'rule-cond'} data-testid={tid} data-invalid={issues.size > 0}>
      {'attribute' in node && <AttributeEditor node={node} path={path} ctx={ctx} />}
      {('event' in node || 'conversion' in node) && <CountEditor node={node as Extract<RuleNode, { min_count: number }>} path={path} ctx={ctx} />}
      {'consent' in node && (
        <span className="row">
          has consented to
          <select
            value={node.consent}
            aria-label="Consent purpose"
            data-testid={`${tid}-consent`}
            onChange={(e) => ctx.onChange(updateAt(ctx.root, path, () => ({ consent: e.target.value as 'email' | 'ads' | 'analytics' })))}
          >
            <option value="email">e-mail</option>
            <option value="ads">ads</option>
            <option value="analytics">analytics</option>
          </select>
        </span>
      )}
      {remove}
      {issues.has(null) && (
        <div className="rule-problem" role="alert" data-testid={`${tid}-issue`}>
          {issues.get(null)}
        </div>
      )}
    </div>
  );
}
