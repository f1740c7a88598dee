import { Button, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { searchCustomers } from '../../../api/cards.ts';
import { type Contact, linkCustomer } from '../../../api/contacts.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';
import { ErrorNote } from '../../shared/ErrorNote.tsx';

/** When the caller's number matched nobody: find the customer (masked results) and link them. */
export function CustomerSearch({ contact, onLinked }: { contact: Contact; onLinked(c: Contact): void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState('');
  const hits = useLoad(submitted ? (s) => searchCustomers(submitted, { contactId: contact.id }, s) : null, [submitted]);
  const link = useAction((key, id: string) => linkCustomer(key, contact.id, id));
  return (
    <div style={{ padding: 12 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('查找客户', 'Find the customer')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(
          '来电号码未匹配到客户。可按手机号、证件号或卡号查找。',
          'The caller number matched nobody. Search by mobile, ID or card number.',
        )}
      </Typography.Paragraph>
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => setSubmitted(v.trim())}
        enterButton={t('查找', 'Search')}
        aria-label={t('查找客户', 'Find the customer')}
      />
      <ErrorNote error={hits.error} />
      <List
        loading={hits.loading}
        dataSource={hits.data?.hits ?? []}
        renderItem={(h) => (
          <List.Item
            actions={[
              <Button
                key="link"
                size="small"
                loading={link.busy}
                onClick={async () => {
                  const c = await link.run(h.id);
                  if (c) onLinked(c);
                }}
              >
                {t('关联', 'Link')}
              </Button>,
            ]}
          >
            {h.maskedName} <span className="cd-mono cd-muted">{h.maskedPhone}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
