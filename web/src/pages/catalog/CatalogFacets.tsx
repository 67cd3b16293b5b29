// The facet sidebar of the catalog browser: for each facet, its values with how many resources the
// other filters leave for each (the server counts a facet without its own filter, so choosing one
// grade still shows how many there are of the others). Choosing the chosen value again clears it.
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { FACETS, type Facet, type FacetValue } from '../../catalog/types';
import { vocabLabel, type Vocabulary } from '../../catalog/vocab';

const VOCABULARY: Record<Exclude<Facet, 'providerUnitId'>, Vocabulary> = {
  kind: 'kind',
  baseCategory: 'baseCategory',
  grade: 'grade',
  sharingType: 'sharingType',
  openType: 'openType',
  updateCycle: 'updateCycle',
  status: 'status',
};

interface Props {
  facets: Partial<Record<Facet, FacetValue[]>> | undefined;
  selected: Partial<Record<Facet, string>>;
  onChange: (facet: Facet, value: string | undefined) => void;
  onClear: () => void;
}

export function CatalogFacets({ facets, selected, onChange, onClear }: Props) {
  const { t } = useI18n();
  const label = (facet: Facet, v: FacetValue) => (facet === 'providerUnitId' ? v.label : vocabLabel(t, VOCABULARY[facet], v.value));
  const anySelected = FACETS.some((f) => selected[f]);

  return (
    <Card
      size="small"
      title={t('catalog.facets')}
      extra={
        anySelected && (
          <Button type="link" size="small" onClick={onClear} data-testid="facet-clear">
            {t('catalog.facet.clear')}
          </Button>
        )
      }
      data-testid="catalog-facets"
    >
      {FACETS.map((facet) => {
        const values = [...(facets?.[facet] ?? [])];
        // a chosen value that the other filters have emptied stays visible, so it can be unchosen
        const chosen = selected[facet];
        if (chosen && !values.some((v) => v.value === chosen)) values.push({ value: chosen, label: chosen, count: 0 });
        return (
          <div key={facet} style={{ marginBottom: 16 }} data-testid={`facet-${facet}`}>
            <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
              {t(`catalog.facet.${facet}` as MessageKey)}
            </Typography.Text>
            {values.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.facet.none')} style={{ margin: 0 }} />
            ) : (
              <Space size={[4, 6]} wrap>
                {values.map((v) => {
                  const on = selected[facet] === v.value;
                  return (
                    <Tag.CheckableTag
                      key={v.value}
                      checked={on}
                      onChange={() => onChange(facet, on ? undefined : v.value)}
                      data-value={v.value}
                      style={{ border: '1px solid #d9d9d9', marginInlineEnd: 0 }}
                    >
                      {label(facet, v)} <span style={{ opacity: 0.7 }}>({v.count})</span>
                    </Tag.CheckableTag>
                  );
                })}
              </Space>
            )}
          </div>
        );
      })}
    </Card>
  );
}
