// Data quality dimensions of GB/T 36344-2018 (信息技术 数据质量评价指标); every quality rule counts toward one.
export const DIMENSIONS = ['normativity', 'completeness', 'accuracy', 'consistency', 'timeliness', 'accessibility'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_ZH: Record<Dimension, string> = {
  normativity: '规范性',
  completeness: '完整性',
  accuracy: '准确性',
  consistency: '一致性',
  timeliness: '时效性',
  accessibility: '可访问性',
};

/** An error rejects the record; a warning lets it through and is reported back to the producer. */
export type Severity = 'error' | 'warning';
