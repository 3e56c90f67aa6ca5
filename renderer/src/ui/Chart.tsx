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
import type { ExportCaption } from './export-caption';
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
  /** Printed above the chart in the PNG (title, date range, filters); the title alone by default. */
  caption?: ExportCaption;
}

/** The chart's pixels under a header with the caption, as a PNG data URL. */
function captionedPng(chart: HTMLCanvasElement, caption: ExportCaption, dark: boolean, ratio: number): string {
  const pad = 20 * ratio;
  const titleSize = 18 * ratio;
  const lineSize = 13 * ratio;
  const header = pad + titleSize + caption.lines.length * (lineSize + 6 * ratio) + pad * 0.75;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + header;
  const ctx = canvas.getContext('2d');
  if (!ctx) return chart.toDataURL('image/png');
  ctx.fillStyle = dark ? '#1a1f2b' : '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';
  ctx.fillStyle = dark ? '#e8ecf3' : '#1b2230';
  ctx.font = `600 ${titleSize}px system-ui, sans-serif`;
  ctx.fillText(caption.title, pad, pad);
  ctx.fillStyle = dark ? '#a3adbf' : '#5a6478';
  ctx.font = `${lineSize}px system-ui, sans-serif`;
  caption.lines.forEach((line, i) => ctx.fillText(line, pad, pad + titleSize + 8 * ratio + i * (lineSize + 6 * ratio), canvas.width - 2 * pad));
  ctx.drawImage(chart, 0, header);
  return canvas.toDataURL('image/png');
}

export function Chart({ option, height = 320, title, testId, exportable = true, caption }: ChartProps) {
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
    const dark = theme === 'dark';
    const pixels = instance.renderToCanvas({ pixelRatio: 2, backgroundColor: dark ? '#1a1f2b' : '#ffffff' });
    downloadDataUrl(exportName(title, 'png'), captionedPng(pixels, caption ?? { title, lines: [] }, dark, 2));
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
