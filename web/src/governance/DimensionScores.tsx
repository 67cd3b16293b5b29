// A quality score as GB/T 36344 reports it: the total out of 100 and, per dimension the rules measured,
// the share of checks that passed. Dimensions not measured are left out rather than shown as 100%.
import { Col, Progress, Row, Space, Statistic, Typography } from 'antd';
import { useI18n } from '../i18n';
import { DIMENSIONS, govLabel, percent, scoreColor, type Dimension } from './vocab';

interface Props {
  total: number | null;
  dimensions: Partial<Record<Dimension, number>> | null;
}

export function DimensionScores({ total, dimensions }: Props) {
  const { t } = useI18n();
  if (total == null) return <Typography.Text type="secondary">{t('gov.score.none')}</Typography.Text>;
  const measured = DIMENSIONS.filter((d) => dimensions?.[d] != null);
  return (
    <Row gutter={24} align="middle" data-testid="dimension-scores">
      <Col flex="160px">
        <Statistic title={t('gov.score.total')} value={total} precision={2} styles={{ content: { color: scoreColor(total) } }} />
      </Col>
      <Col flex="auto">
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          {measured.map((d) => (
            <Row key={d} gutter={8} align="middle" data-testid={`dimension-${d}`}>
              <Col flex="150px">
                <Typography.Text>{govLabel(t, 'dimension', d)}</Typography.Text>
              </Col>
              <Col flex="auto">
                <Progress
                  percent={Math.round(dimensions![d]! * 1000) / 10}
                  format={() => percent(dimensions![d])}
                  strokeColor={scoreColor(dimensions![d]! * 100)}
                  size="small"
                />
              </Col>
            </Row>
          ))}
        </Space>
      </Col>
    </Row>
  );
}
