import { Empty, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type CaseListQuery, caseItems, listCases } from '../../api/cases.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLive } from '../../app/live.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { intentLabel } from '../shared/taxonomy.ts';
import { CaseDrawer } from './CaseDrawer.tsx';
import { stateText } from './caseText.ts';
import { DeadlineTag } from './DeadlineTag.tsx';
import { useCasesChanged } from './events.ts';

/** A compact list of open cases (mine, or my department's), nearest deadline first; opens the case. */
export function CaseList({
  title,
  query,
  reloadKey,
  topics,
}: {
  title: string;
  query: CaseListQuery;
  reloadKey?: unknown;
  /** Live topics whose events change this list (e.g. `department:disputes`). */
  topics?: string[];
}) {
  const { t, locale } = useI18n();
  const cases = useLoad((s) => listCases({ open: 'true', ...query }, s), [JSON.stringify(query), reloadKey]);
  const [openId, setOpenId] = useState<string | null>(null);
  useCasesChanged(cases.reload);
  useLive(topics ?? null, () => cases.reload());
  const items = caseItems(cases.data).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <div style={{ padding: 12 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title} <span className="cd-muted">({items.length})</span>
      </Typography.Title>
      <ErrorNote error={cases.error} retry={cases.reload} />
      {items.length === 0 && !cases.loading && !cases.error ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无', 'None')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item
              style={{ cursor: 'pointer', display: 'block', padding: '6px 0' }}
              onClick={() => setOpenId(c.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setOpenId(c.id);
              }}
              tabIndex={0}
              data-testid={`case-${c.number}`}
            >
              <div>
                <span className="cd-mono">{c.number}</span>{' '}
                <Tag color={stateText(c.state)[2]}>{t(stateText(c.state)[0], stateText(c.state)[1])}</Tag>
              </div>
              <div className="cd-muted" style={{ fontSize: 12 }}>
                {intentLabel(c.category, locale)} · <DeadlineTag dueDate={c.dueDate} />
              </div>
            </List.Item>
          )}
        />
      )}
      <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} onChanged={cases.reload} />
    </div>
  );
}
