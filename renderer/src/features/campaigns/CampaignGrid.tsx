import { useCallback, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, IDatasource, IGetRowsParams, RowClickedEvent } from 'ag-grid-community';
import { api } from '../../api/client';
import { arrowRows } from '../../api/arrow';
import { channelName, platformName } from '../../../../shared/display-names';
import { formatByUnit } from '../../../../shared/format';
import { METRICS, METRIC_IDS, type MetricId } from '../../../../shared/metrics/metrics';
import type { GridLevel } from '../../../../shared/ipc/campaigns-contract';
import { useGridTheme } from '../../ui/DataGrid';
import { downloadBytes, downloadText, exportName } from '../../ui/download';
import { toastError, useToastStore } from '../../stores/toast-store';
import { useCampaignsStore } from './campaigns-store';
import { useGridTotals, useKpis } from './dashboard-queries';
import { CAC_NEEDS_DATA } from './KpiTiles';

// Only while the view is being restored: the totals query is disabled until there is a filter.
const EMPTY_FILTER = { from: '1970-01-01', to: '1970-01-01' };

type Row = Record<string, unknown>;

const LEVEL_LABEL: Record<GridLevel, string> = { campaign: 'Campaigns', ad_set: 'Ad sets', ad: 'Ads' };
const DEFAULT_METRICS: MetricId[] = ['spend', 'impressions', 'clicks', 'ctr', 'cpc', 'conversions', 'cpa', 'cac', 'revenue', 'roas'];

/** CAC's cell tooltip: why a cell has no value (new customers are credited to campaigns, and need two more products). */
function cacTooltip(level: GridLevel, available: boolean | undefined, value: unknown, totals: boolean): string | undefined {
  if (available === false) return CAC_NEEDS_DATA;
  if (totals) return undefined;
  if (level !== 'campaign') return 'Customers are credited at campaign level: see CAC on the campaign row.';
  if (value === null || value === undefined) return 'No new customer had this campaign as their last campaign touch before a first purchase in these dates.';
  return undefined;
}

function keyColumns(level: GridLevel): ColDef<Row>[] {
  const cols: ColDef<Row>[] = [{ field: 'campaign_name', headerName: 'Campaign', pinned: 'left', minWidth: 220 }];
  if (level !== 'campaign') cols.push({ field: 'ad_set_id', headerName: 'Ad set', minWidth: 150 });
  if (level === 'ad') cols.push({ field: 'ad_id', headerName: 'Ad', minWidth: 150 });
  cols.push(namedIdColumn('platform', 'Platform', platformName), namedIdColumn('channel', 'Channel', channelName));
  return cols;
}

/**
 * A column of ids shown by their display names ("Paid social"), the raw id in the cell's
 * tooltip. The totals row has no id there and stays blank. Sorting is the engine's, by id.
 */
function namedIdColumn(field: 'platform' | 'channel', headerName: string, name: (id: string) => string): ColDef<Row> {
  const id = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  return {
    field,
    headerName,
    width: 140,
    valueFormatter: (p) => {
      const v = id(p.value);
      return v === null ? '' : name(v);
    },
    tooltipValueGetter: (p) => id(p.value) ?? undefined,
  };
}

/**
 * The campaign > ad set > ad grid on AG Grid's infinite row model: pages of 100 rows are
 * sorted and cut in the engine and arrive as Arrow, so a million rows never sit in memory.
 * Clicking a row drills down one level; the totals row is computed by the engine.
 */
export function CampaignGrid() {
  const { view, revision, update } = useCampaignsStore();
  const theme = useGridTheme();
  const gridApi = useRef<GridApi<Row> | null>(null);
  const [visible, setVisible] = useState<MetricId[]>(DEFAULT_METRICS);
  const [search, setSearch] = useState('');
  const [rowCount, setRowCount] = useState<number | null>(null);
  const level = view?.level ?? 'campaign';
  const parent = useMemo(() => view?.parent ?? {}, [view?.parent]);
  // The KPI tiles' answer for the same filter (cached): whether CAC can be computed at all.
  const cacAvailable = useKpis(view?.filter ?? EMPTY_FILTER, Boolean(view)).data?.cacAvailable;

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      ...keyColumns(level),
      ...METRIC_IDS.map<ColDef<Row>>((id) => ({
        field: id,
        headerName: METRICS[id].label,
        headerTooltip: METRICS[id].description,
        hide: !visible.includes(id),
        type: 'numericColumn',
        width: 125,
        valueFormatter: (p) => formatByUnit(typeof p.value === 'number' ? p.value : null, METRICS[id].unit),
        ...(id === 'cac'
          ? {
              tooltipValueGetter: (p: { value?: unknown; node?: { rowPinned?: unknown } | null }) =>
                cacTooltip(level, cacAvailable, p.value, Boolean(p.node?.rowPinned)),
            }
          : {}),
      })),
    ],
    [level, visible, cacAvailable],
  );

  const datasource = useMemo<IDatasource | null>(() => {
    if (!view) return null;
    return {
      getRows: (params: IGetRowsParams) => {
        api.campaigns
          .gridPage({
            filter: view.filter,
            level,
            parent,
            search,
            startRow: params.startRow,
            endRow: params.endRow,
            sort: params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
          })
          .then(
            (page) => {
              setRowCount(page.total);
              params.successCallback(arrowRows(page.arrow), page.total);
            },
            (error: unknown) => {
              params.failCallback();
              toastError('The grid could not load its rows', error);
            },
          );
      },
    };
    // The datasource changes whenever the filter, level or search does, and on `revision` (new
    // data pulled): a new datasource is what makes AG Grid fetch its rows again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision is that signal, not a value read
  }, [view, level, parent, search, revision]);

  const totalsQuery = useGridTotals(view?.filter ?? EMPTY_FILTER, level, parent, search, Boolean(view));
  const totals = useMemo<Row | null>(() => (totalsQuery.data ? { campaign_name: 'Total', ...totalsQuery.data.values } : null), [totalsQuery.data]);

  // Names for the breadcrumb, remembered from the row drilled into (the campaign's also comes
  // from the filter options after a reload).
  const [adSetName, setAdSetName] = useState<string | null>(null);
  const options = useCampaignsStore((s) => s.options);
  const campaignName = parent.campaign_id ? (options?.campaigns.find((c) => c.id === parent.campaign_id)?.name ?? parent.campaign_id) : null;
  const drillInto = useCallback(
    (row: Row | undefined, pinned: boolean) => {
      if (!row || pinned) return;
      if (level === 'campaign') update({ level: 'ad_set', parent: { campaign_id: String(row.campaign_id) } });
      else if (level === 'ad_set') {
        setAdSetName(typeof row.ad_set_name === 'string' ? row.ad_set_name : null);
        update({ level: 'ad', parent: { campaign_id: String(row.campaign_id), ad_set_id: String(row.ad_set_id) } });
      }
    },
    [level, update],
  );
  const drill = useCallback((event: RowClickedEvent<Row>) => drillInto(event.data, Boolean(event.rowPinned)), [drillInto]);
  // Keyboard users drill down with Enter on a focused row, as a click does.
  const drillByKey = useCallback(
    (event: CellKeyDownEvent<Row>) => {
      if ((event.event as KeyboardEvent | undefined)?.key === 'Enter') drillInto(event.data, Boolean(event.rowPinned));
    },
    [drillInto],
  );

  const exportCsv = async () => {
    if (!view) return;
    try {
      const { csv, rows } = await api.campaigns.exportCsv({ filter: view.filter, level, parent, search });
      downloadText(exportName(`campaign-performance-${level}`, 'csv'), csv);
      useToastStore.getState().push({ kind: 'success', title: `Exported ${rows.toLocaleString('en-US')} rows to CSV` });
    } catch (error) {
      toastError('The export failed', error);
    }
  };

  const exportParquet = async () => {
    if (!view) return;
    try {
      // The same rows and columns as the CSV, written by the engine; main records it in the activity log.
      const { parquet, rows } = await api.campaigns.exportParquet({ filter: view.filter, level, parent, search });
      downloadBytes(exportName(`campaign-performance-${level}`, 'parquet'), parquet);
      useToastStore.getState().push({ kind: 'success', title: `Exported ${rows.toLocaleString('en-US')} rows to Parquet` });
    } catch (error) {
      toastError('The export failed', error);
    }
  };

  if (!view) return null;
  return (
    <div className="card">
      <div className="card-head">
        <div className="breadcrumbs" data-testid="grid-breadcrumbs">
          <button type="button" className="link-button" onClick={() => update({ level: 'campaign', parent: {} })}>
            All campaigns
          </button>
          {parent.campaign_id && (
            <>
              <span className="muted">›</span>
              <button
                type="button"
                className="link-button"
                title={parent.campaign_id}
                onClick={() => update({ level: 'ad_set', parent: { campaign_id: parent.campaign_id } })}
              >
                {campaignName}
              </button>
            </>
          )}
          {parent.ad_set_id && (
            <>
              <span className="muted">›</span> <span title={parent.ad_set_id}>{adSetName ?? parent.ad_set_id}</span>
            </>
          )}
          <span className="muted">
            {' '}
            · {LEVEL_LABEL[level]}
            {rowCount !== null && ` (${rowCount.toLocaleString('en-US')})`}
          </span>
        </div>
        <div className="row">
          <input
            type="search"
            placeholder="Search campaigns"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Search campaigns"
            data-testid="grid-search"
          />
          <details className="column-picker">
            <summary className="btn">Columns</summary>
            <div className="column-picker-menu">
              {METRIC_IDS.map((id) => (
                <label key={id} className="field-inline">
                  <input
                    type="checkbox"
                    checked={visible.includes(id)}
                    onChange={(e) => setVisible(e.target.checked ? [...visible, id] : visible.filter((v) => v !== id))}
                  />
                  {METRICS[id].label}
                </label>
              ))}
            </div>
          </details>
          <button type="button" className="btn" onClick={() => void exportCsv()} data-testid="grid-export-csv">
            Export CSV
          </button>
          <button type="button" className="btn" onClick={() => void exportParquet()} data-testid="grid-export-parquet">
            Export Parquet
          </button>
        </div>
      </div>
      <div className="grid-box" style={{ height: 460 }} data-testid="campaign-grid">
        {datasource && (
          <AgGridReact<Row>
            key={`${level}-${JSON.stringify(parent)}`}
            theme={theme}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={100}
            maxBlocksInCache={20}
            columnDefs={columnDefs}
            defaultColDef={{ sortable: true, resizable: true }}
            pinnedBottomRowData={totals ? [totals] : []}
            onRowClicked={drill}
            onCellKeyDown={drillByKey}
            onGridReady={(e) => (gridApi.current = e.api)}
            rowClass={level === 'ad' ? undefined : 'clickable-row'}
            enableBrowserTooltips
          />
        )}
      </div>
      {level !== 'ad' && <p className="muted small-note">Click a row (or press Enter on it) to see its {level === 'campaign' ? 'ad sets' : 'ads'}.</p>}
    </div>
  );
}
