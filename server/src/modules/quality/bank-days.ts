import { bankDayStart } from '../../platform/clock.ts';

/** A period of bank days, `YYYY-MM-DD` each end included, as the QA figures and the export are asked for. */
export interface BankDays {
  from?: string | undefined;
  to?: string | undefined;
}

/** The instants a period covers: from its first day's start to the start of the day after its last. */
export function bankDayBounds(period: BankDays): { since?: string; before?: string } {
  return {
    ...(period.from ? { since: bankDayStart(period.from).toISOString() } : {}),
    ...(period.to ? { before: new Date(bankDayStart(period.to).getTime() + 86_400_000).toISOString() } : {}),
  };
}
