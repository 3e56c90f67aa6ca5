/**
 * A small React wrapper over `echarts/core` (only the chart types we use are bundled).
 * It resizes with its box, follows the theme, and can export itself as PNG.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart, ScatterChart, CustomChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { downloadDataUrl, exportName } from './download';
import { useUiStore } from '../stores/ui-store';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  HeatmapChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DataZoomComponent,
  MarkLineComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;

/** A colour-blind-safe categorical palette (Okabe-Ito, extended). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999', '#6A3D9A'];

export interface ChartProps {
  option: ChartOption;
  height?: number;
  /** Accessible name and the PNG file's base name. */
  title: string;
  testId: string;
  /** Shows an "Export PNG" button above the chart. */
  exportable?: boolean;
}

export function Chart({ option, height = 320, title, testId, exportable = true }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const theme = useUiStore((s) => s.theme);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, backgroundColor: 'transparent', animationDuration: 300, ...option }, { notMerge: true });
  }, [option, theme]);

  const exportPng = () => {
    const instance = chart.current;
    if (!instance) return;
    const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: theme === 'dark' ? '#1a1f2b' : '#ffffff' });
    downloadDataUrl(exportName(title, 'png'), url);
  };

  return (
    <figure className="chart" data-testid={testId}>
      {exportable && (
        <div className="chart-toolbar">
          <button type="button" className="btn btn-small" onClick={exportPng} data-testid={`${testId}-png`}>
            Export PNG
          </button>
        </div>
      )}
      <div ref={box} role="img" aria-label={title} style={{ height, width: '100%' }} />
    </figure>
  );
}
