import type { Db } from '../db/connect.js';
import { AppError, invalid } from '../errors.js';
import { canonicalEmailBlocksByHash, countEmailDomainBlockUse, emailDomainBlocksCovering, ipBlocksHolding } from './admin-blocks.repository.js';
import { canonicalEmailHash } from './admin-blocks.service.js';

/**
 * What the administrators' blocks say about a sign-up, checked before any account is created (web
 * form and API alike): its address range may be blocked from signing up (`sign_up_block` or
 * `no_access`), its e-mail domain or a parent domain blocked (the refusal is counted in the
 * block's history), or its address blocked in canonical form (dots and `+tag` ignored).
 */
export async function assertSignUpAllowed(db: Db, signUp: { email: string; ip?: string | undefined }): Promise<void> {
  if (signUp.ip) {
    const held = [...(await ipBlocksHolding(db, signUp.ip, 'sign_up_block')), ...(await ipBlocksHolding(db, signUp.ip, 'no_access'))];
    if (held.length > 0) throw new AppError('forbidden', 'Sign-ups from your network are not allowed on this server', { key: 'accounts.signUp.networkBlocked' });
  }
  const domain = signUp.email.split('@')[1] ?? '';
  const domainBlocks = await emailDomainBlocksCovering(db, domain);
  if (domainBlocks.length > 0) {
    for (const b of domainBlocks) await countEmailDomainBlockUse(db, b.id);
    throw invalid('Sign-ups with this e-mail provider are not allowed', 'email', 'accounts.email.blockedDomain');
  }
  if ((await canonicalEmailBlocksByHash(db, canonicalEmailHash(signUp.email))).length > 0) {
    throw invalid('This e-mail address cannot be used to sign up', 'email', 'accounts.email.blocked');
  }
}
