import { AppError } from '../../domain/errors.js';
import type { Store } from '../../store/database.js';
import { isDatabaseEmpty } from '../seed/seed-demo.js';
import { MIN_PASSWORD_LENGTH } from './invitations.js';
import { provisionOrganisation, provisionUser } from './provision.js';

export type FirstAdminInput = {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly studioName: string;
};

/**
 * First run without demo data: creates the studio and its first studio_admin, who then invites
 * everyone else. Refused once any user exists, so it cannot be used to add a back door later.
 */
export async function createFirstAdmin(
  store: Store,
  input: FirstAdminInput,
): Promise<{ userId: string; orgId: string }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'INVALID_INPUT',
      `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
      {
        key: 'password',
        minLength: MIN_PASSWORD_LENGTH,
      },
    );
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(input.email)) {
    throw new AppError('INVALID_INPUT', `--email ${input.email} is not an email address.`, {
      key: 'email',
      value: input.email,
    });
  }
  if (!(await isDatabaseEmpty(store))) {
    throw new AppError(
      'CONFLICT',
      'The database already has users; the first administrator exists. Sign in and invite people instead.',
    );
  }
  const org = await provisionOrganisation(store, { kind: 'studio', name: input.studioName });
  const user = await provisionUser(store, {
    orgId: org.id,
    email: input.email,
    name: input.name,
    role: 'studio_admin',
    password: input.password,
  });
  return { userId: user.id, orgId: org.id };
}
