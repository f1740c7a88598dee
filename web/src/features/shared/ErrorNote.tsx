import { Alert, Button } from 'antd';
import type { ApiError } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';

/** A load error in plain language, with a retry. Never shows the raw code. */
export function ErrorNote({ error, retry }: { error: ApiError | undefined; retry?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type={error.status === 403 ? 'warning' : 'error'}
      showIcon
      role="alert"
      message={error.message}
      action={
        retry ? (
          <Button size="small" onClick={retry}>
            {t('重试', 'Retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
