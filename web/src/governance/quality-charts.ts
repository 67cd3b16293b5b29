// The quality page's two charts as ECharts options: the score over time (total and each GB/T 36344
// dimension, all on the same 0–100 scale so they can be read against each other) and the latest
// dimensions as a radar. Only dimensions the series measured appear.
import type { Translate } from '../i18n';
import { formatTime } from '../format';
import type { ChartOption } from './EChart';
import type { ScorePoint } from './types';
import { DIMENSIONS, govLabel, type Dimension } from './vocab';

const pct = (ratio: number | undefined) => (ratio == null ? null : Math.round(ratio * 1000) / 10);

export function measuredDimensions(series: ScorePoint[]): Dimension[] {
  return DIMENSIONS.filter((d) => series.some((p) => p.dimensions[d] != null));
}

export function trendOption(t: Translate, series: ScorePoint[]): ChartOption {
  const dims = measuredDimensions(series);
  return {
    tooltip: { trigger: 'axis' },
    // one line, paged when the names do not fit (English at 1280 px), so it never runs into the plot
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: series.map((p) => formatTime(p.at).slice(5, 16)), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      { name: t('gov.score.total'), type: 'line', data: series.map((p) => p.total), lineStyle: { width: 3 }, symbolSize: 7 },
      ...dims.map((d) => ({
        name: govLabel(t, 'dimension', d),
        type: 'line' as const,
        data: series.map((p) => pct(p.dimensions[d])),
        connectNulls: true,
        lineStyle: { width: 1.5 },
      })),
    ],
  };
}

export function radarOption(t: Translate, latest: ScorePoint): ChartOption {
  const dims = DIMENSIONS.filter((d) => latest.dimensions[d] != null);
  return {
    tooltip: {},
    // the radius leaves room beside the chart for the longest axis name ("Completeness")
    radar: { indicator: dims.map((d) => ({ name: govLabel(t, 'dimension', d), max: 100 })), radius: '55%' },
    series: [
      {
        type: 'radar',
        data: [{ name: t('gov.quality.latest'), value: dims.map((d) => pct(latest.dimensions[d]) ?? 0), areaStyle: { opacity: 0.2 } }],
      },
    ],
  };
}
