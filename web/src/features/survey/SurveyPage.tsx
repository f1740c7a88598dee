import { Alert, Button, Card, Radio, Rate, Result, Typography } from 'antd';
import { useRef, useState } from 'react';
import { answerSurvey, surveyState } from '../../api/contacts.ts';
import { newIdempotencyKey } from '../../app/api.ts';
import { toApiError, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePath } from '../../app/router.tsx';

/**
 * The satisfaction survey a caller opens from the SMS (`/survey/<token>`): whether the problem was solved
 * and a rating, both chosen by the customer, nothing preselected.
 */
export default function SurveyPage() {
  const { t } = useI18n();
  const token = usePath().split('/')[2] ?? '';
  const state = useLoad((s) => surveyState(token, s), [token]);
  const [resolved, setResolved] = useState<boolean | undefined>();
  const [rating, setRating] = useState(0);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const submit = async () => {
    if (resolved === undefined || rating === 0) return;
    try {
      await answerSurvey(key.current, token, { rating, resolved });
      setDone(true);
    } catch (err) {
      setError(toApiError(err).message);
    }
  };
  if (done || state.data?.status === 'answered') {
    return <Result status="success" title={t('感谢您的评价', 'Thank you for your feedback')} />;
  }
  if (state.error || state.data?.status === 'expired') {
    return <Result status="info" title={t('该调查已完成或已过期', 'This survey was answered or has expired')} />;
  }
  return (
    <Card
      style={{ maxWidth: 420, margin: '24px auto' }}
      title={t('服务满意度调查', 'How did we do?')}
      data-testid="survey"
    >
      <Typography.Paragraph strong>{t('问题是否解决?', 'Was your problem solved?')}</Typography.Paragraph>
      <Radio.Group
        value={resolved}
        onChange={(e) => setResolved(e.target.value as boolean)}
        optionType="button"
        data-testid="survey-resolved"
        options={[
          { value: true, label: t('已解决', 'Yes') },
          { value: false, label: t('未解决', 'No') },
        ]}
      />
      <Typography.Paragraph strong style={{ marginTop: 16 }}>
        {t('服务评分', 'Rating')}
      </Typography.Paragraph>
      <Rate value={rating} onChange={setRating} style={{ fontSize: 28 }} data-testid="survey-stars" />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      <Button
        type="primary"
        block
        style={{ marginTop: 16 }}
        disabled={resolved === undefined || rating === 0}
        onClick={submit}
        data-testid="survey-submit"
      >
        {t('提交', 'Submit')}
      </Button>
    </Card>
  );
}
