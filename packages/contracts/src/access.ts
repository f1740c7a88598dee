/**
 * A supervisor's or admin's override of the customer-access rule (`X-Access-Reason`, URL-encoded) names why,
 * as `<code>: <what and for whom>` — a code from this list and a free text of at least
 * ACCESS_REASON_MIN_TEXT characters, so the audit trail says something a reviewer can check.
 */
export const ACCESS_REASON_CODES = [
  'complaint_handling',
  'fraud_investigation',
  'regulatory_request',
  'quality_review',
  'customer_callback',
  'incident_support',
] as const;
export type AccessReasonCode = (typeof ACCESS_REASON_CODES)[number];
export const ACCESS_REASON_MIN_TEXT = 8;

export const ACCESS_REASON_LABELS: Record<AccessReasonCode, [zh: string, en: string]> = {
  complaint_handling: ['投诉处理', 'Complaint handling'],
  fraud_investigation: ['欺诈调查', 'Fraud investigation'],
  regulatory_request: ['监管问询', 'Regulatory request'],
  quality_review: ['质检复核', 'Quality review'],
  customer_callback: ['客户回访', 'Customer callback'],
  incident_support: ['故障处理', 'Incident support'],
};

/** The code and the text of an override reason, or null when it is not `<known code>: <long enough text>`. */
export function parseAccessReason(raw: string | undefined): { code: AccessReasonCode; text: string } | null {
  const m = /^\s*([a-z_]+)\s*[::]\s*(.+?)\s*$/su.exec(raw ?? '');
  if (!m) return null;
  const code = ACCESS_REASON_CODES.find((c) => c === m[1]);
  const text = m[2] ?? '';
  // Counted in characters (code points), so a Chinese text needs as many as a Latin one.
  if (!code || [...text].length < ACCESS_REASON_MIN_TEXT || new Set(text).size < 4) return null;
  return { code, text };
}
