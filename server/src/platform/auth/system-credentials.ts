import { createHash } from 'node:crypto';
import { audit } from '../audit.ts';
import type { Ctx, Deps } from '../context.ts';
import { inTransaction } from '../db/dialect.ts';
import { AppError } from '../errors.ts';
import { newId, newSecret } from '../ids.ts';
import { type Actor, paymentSystemActor } from './actor.ts';

/**
 * Credentials of the systems that call CardDesk as themselves. Today one kind: the payment system, which
 * posts repayments (`POST /api/accounts/{id}/repayments`); staff cannot. Each deployment issues its own
 * (`carddesk payment-key create`), the secret is shown once and only its SHA-256 is stored. The caller sends
 * it in the `X-Api-Key` header.
 */
export const SYSTEM_CREDENTIAL_KINDS = ['payment_system'] as const;
export type SystemCredentialKind = (typeof SYSTEM_CREDENTIAL_KINDS)[number];

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Issues a credential (system actor only: the CLI); returns the secret, which is never stored. */
export async function issueSystemCredential(
  ctx: Ctx,
  input: { kind: SystemCredentialKind; name: string },
): Promise<{ id: string; secret: string }> {
  if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  const id = newId(now);
  const secret = `cdk_${newSecret(32)}`;
  await inTransaction(ctx, async (tctx) => {
    await tctx.db
      .insertInto('system_credentials')
      .values({
        id,
        kind: input.kind,
        name: input.name,
        secret_hash: hashOf(secret),
        created_at: now.toISOString(),
        revoked_at: null,
      })
      .execute();
    await audit(tctx, {
      action: 'system_credential.issue',
      entityType: 'system_credential',
      entityId: id,
      details: input,
    });
  });
  return { id, secret };
}

/** Resolves an `X-Api-Key` to the system it was issued to, or undefined when unknown or revoked. */
export async function resolveSystemCredential(deps: Deps, secret: string): Promise<Actor | undefined> {
  const row = await deps.db
    .selectFrom('system_credentials')
    .selectAll()
    .where('secret_hash', '=', hashOf(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.kind !== 'payment_system') return undefined;
  return paymentSystemActor(row.id, row.name);
}
