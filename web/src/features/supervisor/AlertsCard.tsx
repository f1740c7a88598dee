import { Button, Card, Empty, List, Tag } from 'antd';
import { useState } from 'react';
import { acknowledgeAlert, type SupervisorAlert, supervisorAlerts } from '../../api/stats.ts';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLive } from '../../app/live.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { dateTime } from '../shared/format.ts';
import { type ContactFilter, ContactListDrawer } from './ContactListDrawer.tsx';

/** Open alerts for the supervisor: an agent's run of hostile contacts (guide §1.3), missed promises. */
export function AlertsCard() {
  const { t, locale } = useI18n();
  const alerts = useLoad((s) => supervisorAlerts(s), []);
  useLive(['supervisor'], (e) => {
    if (e.event.startsWith('alert.')) alerts.reload();
  });
  const ack = useAction((key, id: string) => acknowledgeAlert(key, id));
  const [drill, setDrill] = useState<ContactFilter | null>(null);
  const describe = (a: SupervisorAlert): string => {
    const d = a.details;
    if (a.kind === 'wellbeing') {
      const who = `${String(d.agentName ?? '')}${d.agentNo ? ` (${String(d.agentNo)})` : ''}`;
      return t(
        `${who} 连续 ${String(d.run ?? '')} 通高压力联络,建议安排休息或辅导`,
        `${who}: ${String(d.run ?? '')} stressful contacts in a row`,
      );
    }
    return t(
      `对客承诺已逾期(期限 ${dateTime(String(d.deadlineAt ?? ''), locale)})`,
      `A promise to a customer was missed (due ${dateTime(String(d.deadlineAt ?? ''), locale)})`,
    );
  };
  return (
    <Card
      size="small"
      title={t('预警', 'Alerts')}
      styles={{ body: { maxHeight: 250, overflow: 'auto' } }}
      data-testid="alerts"
    >
      <ErrorNote error={alerts.error} retry={alerts.reload} />
      {(alerts.data ?? []).length === 0 && !alerts.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无预警', 'No alerts')} />
      ) : (
        <List
          size="small"
          dataSource={alerts.data ?? []}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button
                  key="open"
                  size="small"
                  type="link"
                  data-testid="alert-contacts"
                  onClick={() =>
                    setDrill({
                      title:
                        a.kind === 'wellbeing'
                          ? t('预警涉及的联络', 'The contacts behind the alert')
                          : t('逾期承诺的联络', 'The contact of the missed promise'),
                      query: { alertId: a.id },
                    })
                  }
                >
                  {t('查看联络', 'Contacts')}
                </Button>,
                <Button
                  key="ack"
                  size="small"
                  loading={ack.busy}
                  onClick={async () => (await ack.run(a.id)) && alerts.reload()}
                >
                  {t('已处理', 'Done')}
                </Button>,
              ]}
            >
              <div>
                <Tag color={a.kind === 'wellbeing' ? 'purple' : 'red'}>
                  {a.kind === 'wellbeing' ? t('坐席关怀', 'Well-being') : t('承诺逾期', 'Missed promise')}
                </Tag>
                <div>{describe(a)}</div>
                <div className="cd-muted" style={{ fontSize: 12 }}>
                  {dateTime(a.createdAt, locale)}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      <ContactListDrawer filter={drill} onClose={() => setDrill(null)} />
    </Card>
  );
}
