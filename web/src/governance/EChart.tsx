// One ECharts chart in a React box. Only the chart types the console draws are registered (echarts/core),
// so the quality page does not download all of ECharts; the chart follows its box's size and is disposed
// with the component.
import { LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import type { LineSeriesOption, RadarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

use([LineChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | RadarSeriesOption | GridComponentOption | LegendComponentOption | RadarComponentOption | TooltipComponentOption
>;

export function EChart({ option, style, testId }: { option: ChartOption; style?: CSSProperties; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series removed from the option (another resource picked) must leave the chart
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: '100%', height: 320, ...style }} data-testid={testId} />;
}
