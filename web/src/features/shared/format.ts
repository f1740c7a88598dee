import type { Locale } from '../../app/i18n.tsx';

/** Integer fen → "¥1,234.56" (money is never a float in CardDesk). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.trunc(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** "0.1303" (decimal string) → "13.03%". */
export function percent(rate: string | number | null | undefined, digits = 2): string {
  if (rate === null || rate === undefined || rate === '') return '—';
  const n = typeof rate === 'number' ? rate : Number(rate);
  if (!Number.isFinite(n)) return String(rate);
  return `${(n * 100).toFixed(digits)}%`;
}

/** An instant shown in the bank's zone. */
export function dateTime(iso: string | null | undefined, locale: Locale = 'zh'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export function timeOnly(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Seconds → "3:07" or "1:02:03". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** `data-testid` for props objects (antd's okButtonProps etc.), where TypeScript does not allow data-* keys. */
export function testId(id: string): Record<never, never> {
  return { 'data-testid': id };
}
