import { useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { keepPreviousData } from '@tanstack/react-query';
import { formatCount, formatCurrency, formatPercent } from '../../../../shared/format';
import { useApiQuery } from '../../api/queries';
import { toastError } from '../../stores/toast-store';
import { DataGrid } from '../../ui/DataGrid';
import { exportTable } from '../../ui/export-table';
import { EmptyState, ErrorState } from '../../ui/States';
import { pathsReportTable, rowName, VIEW_LABELS, type PathView, type PathsReportRow } from './paths-report-export';

interface Input {
  conversion_type: string;
  lookback_days: number;
  interactions: string[];
}

/** Rows fetched at most; the grid pages them and the exports hold them all. */
const ROW_LIMIT = 5000;

/**
 * Every converting path, or the channels at the first, middle or last touch, in a paged grid with a
 * channel search and CSV / Parquet export of all matching rows (up to ROW_LIMIT).
 */
export function AllPathsReport({ input }: { input: Input }) {
  const [view, setView] = useState<PathView>('path');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    // The search runs once typing pauses, not on every key.
    const timer = window.setTimeout(() => setSearch(typed.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const query = useApiQuery('analysis', 'attributionPathsReport', { ...input, view, search, limit: ROW_LIMIT }, { placeholderData: keepPreviousData });
  const report = query.error ? undefined : query.data;
  const columns = useMemo<ColDef<PathsReportRow>[]>(
    () => [
      {
        headerName: VIEW_LABELS[view].column,
        valueGetter: (p) => (p.data ? rowName(view, p.data.key) : ''),
        tooltipValueGetter: (p) => (p.data ? rowName(view, p.data.key) : ''),
        flex: 3,
        minWidth: 240,
        sortable: true,
      },
      { headerName: 'Conversions', field: 'conversions', valueFormatter: (p) => formatCount(p.value as number), flex: 1, sort: 'desc', type: 'numericColumn' },
      { headerName: 'Revenue', field: 'revenue', valueFormatter: (p) => formatCurrency(p.value as number), flex: 1, type: 'numericColumn' },
      {
        headerName: 'Share',
        headerTooltip: 'Converting journeys on this row out of every converting journey with a touch',
        field: 'share',
        valueFormatter: (p) => formatPercent(p.value as number),
        flex: 1,
        minWidth: 100,
        // Room for the grid's overlay scrollbar, which would cover the last digits otherwise.
        cellStyle: { paddingRight: '22px' },
        headerStyle: { paddingRight: '22px' },
        type: 'numericColumn',
      },
    ],
    [view],
  );
  const exportAs = (format: 'csv' | 'parquet') => {
    if (!report) return;
    exportTable(pathsReportTable(view, report.rows, input.conversion_type), `conversion-paths-${input.conversion_type}-${view}`, format).catch((e: unknown) =>
      toastError('The paths could not be exported', e),
    );
  };

  return (
    <div className="attr-all-paths" data-testid="paths-report">
      <h3>All paths</h3>
      <div className="paths-toolbar">
        <div className="segmented" role="group" aria-label="Group journeys by">
          {(Object.keys(VIEW_LABELS) as PathView[]).map((v) => (
            <button key={v} type="button" className={view === v ? 'btn btn-primary' : 'btn'} onClick={() => setView(v)} data-testid={`paths-view-${v}`}>
              {VIEW_LABELS[v].label}
            </button>
          ))}
        </div>
        <input
          type="search"
          placeholder="Find a channel, e.g. Email"
          aria-label="Find paths through a channel"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="paths-search"
        />
        <button type="button" className="btn" onClick={() => exportAs('csv')} disabled={!report || report.rows.length === 0} data-testid="paths-export-csv">
          Export CSV
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => exportAs('parquet')}
          disabled={!report || report.rows.length === 0}
          data-testid="paths-export-parquet"
        >
          Export Parquet
        </button>
      </div>
      {query.error && <ErrorState title="The paths report could not be computed" message={query.error.message} testId="paths-report-error" />}
      {!query.error && !report && <div className="skeleton" style={{ height: 240 }} />}
      {report && report.rows.length === 0 && (
        <EmptyState
          title={search ? `No converting journey goes through a channel matching "${search}".` : 'No converting journey has a touch.'}
          testId="paths-report-empty"
        />
      )}
      {report && report.rows.length > 0 && (
        <>
          <p className="muted small" data-testid="paths-report-count">
            {formatCount(report.total_rows)} {view === 'path' ? 'paths' : 'channels'}
            {search ? ` through a channel matching "${search}"` : ''} from {formatCount(report.journeys)} converting journeys
            {report.total_rows > report.rows.length ? `; the ${formatCount(report.rows.length)} largest are listed and exported` : ''}.
            {view === 'middle' && ' A journey counts once per channel among its middle touches; journeys of one or two touches have none.'}
          </p>
          <DataGrid<PathsReportRow>
            testId="paths-grid"
            rowData={report.rows}
            columnDefs={columns}
            pagination
            paginationPageSize={20}
            paginationPageSizeSelector={[20, 50, 100]}
            height={520}
            tooltipShowDelay={300}
          />
        </>
      )}
    </div>
  );
}
