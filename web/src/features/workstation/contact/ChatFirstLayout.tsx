import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useDraft } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';

/**
 * A chat's centre pane: the transcript with its reply box fills the height and never scrolls away; the
 * service flow, verification, classification and notes sit beside it in their own scrolling column, which
 * the agent folds away for a wider transcript (remembered on this browser).
 */
export function ChatFirstLayout({ transcript, side }: { transcript: ReactNode; side: ReactNode }) {
  const t = useT();
  const [folded, setFolded] = useDraft('desk.chat.sideFolded', false);
  return (
    <div
      data-testid="chat-first"
      style={{
        flex: 1,
        minHeight: 0,
        display: 'grid',
        gridTemplateColumns: folded ? 'minmax(0, 1fr) 32px' : 'minmax(0, 1fr) minmax(0, 340px)',
        gap: 12,
      }}
    >
      <div style={{ minHeight: 0 }}>{transcript}</div>
      <div style={{ minHeight: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Tooltip title={folded ? t('展开流程与核身', 'Show flow and verification') : t('收起', 'Fold away')}>
          <Button
            size="small"
            icon={folded ? <MenuFoldOutlined /> : <MenuUnfoldOutlined />}
            onClick={() => setFolded(!folded)}
            aria-expanded={!folded}
            data-testid="chat-side-toggle"
            style={{ alignSelf: folded ? 'center' : 'flex-end' }}
          />
        </Tooltip>
        {!folded && (
          <div
            data-testid="chat-side"
            style={{ flex: 1, minHeight: 0, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 12 }}
          >
            {side}
          </div>
        )}
      </div>
    </div>
  );
}
