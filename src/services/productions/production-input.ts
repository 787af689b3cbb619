import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { PRODUCTION_FORMATS } from '../../policy/vocabulary.js';
import type { Executor } from '../../store/database.js';
import { findOrganisationKinds, findUserStandings } from '../../store/repositories/productions.js';
import { type InputIssue, issuesOf } from '../registry/input.js';

export { PRODUCTION_FORMATS };

/** A production's title and format, as disclosure@1 has them (production.title, production.format). */
export const ProductionTitle = z.string().trim().min(1).max(200);
export const ProductionFormat = z.enum(PRODUCTION_FORMATS);

/** The most vendors and contacts one production takes (more is a mistake, not a production). */
export const MAX_VENDORS = 100;
export const MAX_CONTACTS = 50;

const IdList = (max: number) => z.array(z.string().min(1).max(100)).max(max);

export const ProductionFieldsSchema = z.strictObject({
  title: ProductionTitle,
  format: ProductionFormat,
  partnerOrgId: z.string().min(1).max(100),
  vendorOrgIds: IdList(MAX_VENDORS).optional(),
  contactIds: IdList(MAX_CONTACTS).optional(),
});

export const ProductionPatchSchema = z.strictObject({
  title: ProductionTitle.optional(),
  format: ProductionFormat.optional(),
});

/** The bodies of PUT .../vendors and PUT .../contacts: the whole new list. */
export const ProductionVendorsSchema = z.strictObject({ vendorOrgIds: IdList(MAX_VENDORS) });
export const ProductionContactsSchema = z.strictObject({ contactIds: IdList(MAX_CONTACTS) });

/** Checks a verb's input with zod (the CLI, seed and tests call verbs without HTTP). */
export function parseProductionInput<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw invalid(issuesOf(result.error, raw));
}

function invalid(issues: readonly InputIssue[]): AppError {
  const first = issues[0];
  return new AppError(
    'INVALID_INPUT',
    `The production is not valid: ${first ? `${first.path} ${JSON.stringify(first.value)}: ${first.message}` : 'unknown problem'}${issues.length > 1 ? ` (and ${issues.length - 1} more, see details.issues)` : ''}.`,
    { issues },
  );
}

/** Who a production names beside its studio; any of them may be left out of a check. */
export type ProductionPartiesInput = {
  readonly studioOrgId: string;
  readonly partnerOrgId?: string | undefined;
  readonly vendorOrgIds?: readonly string[] | undefined;
  readonly contactIds?: readonly string[] | undefined;
};

/**
 * Refuses, with every problem at once, parties that do not fit: the studio must be a studio
 * organisation, the partner a partner organisation, each vendor a vendor organisation, each
 * contact an active studio_contact of that same studio, and no id twice. A user of another
 * organisation is reported exactly like a missing one, so the check reveals nothing about
 * other studios' people.
 */
export async function checkProductionParties(db: Executor, input: ProductionPartiesInput): Promise<void> {
  const vendorOrgIds = input.vendorOrgIds ?? [];
  const contactIds = input.contactIds ?? [];
  const issues: InputIssue[] = [];
  const [kinds, standings] = await Promise.all([
    findOrganisationKinds(db, [
      input.studioOrgId,
      ...(input.partnerOrgId === undefined ? [] : [input.partnerOrgId]),
      ...vendorOrgIds,
    ]),
    findUserStandings(db, contactIds),
  ]);
  const organisationIssue = (path: string, id: string, kind: 'studio' | 'partner' | 'vendor') => {
    const found = kinds.get(id);
    if (found === kind) return;
    issues.push({
      path,
      value: id,
      message:
        found === undefined
          ? `no organisation has this id; send the id of a ${kind} organisation`
          : `is a ${found} organisation; only a ${kind} organisation is allowed here`,
    });
  };
  organisationIssue('studioOrgId', input.studioOrgId, 'studio');
  if (input.partnerOrgId !== undefined) organisationIssue('partnerOrgId', input.partnerOrgId, 'partner');
  for (const [i, id] of vendorOrgIds.entries()) {
    if (vendorOrgIds.indexOf(id) !== i) issues.push(twice(`vendorOrgIds[${i}]`, id));
    else organisationIssue(`vendorOrgIds[${i}]`, id, 'vendor');
  }
  for (const [i, id] of contactIds.entries()) {
    const path = `contactIds[${i}]`;
    const user = standings.get(id);
    if (contactIds.indexOf(id) !== i) {
      issues.push(twice(path, id));
    } else if (user === undefined || user.orgId !== input.studioOrgId) {
      issues.push({
        path,
        value: id,
        message: "no user of this production's studio has this id; send the id of an active studio contact",
      });
    } else if (user.role !== 'studio_contact') {
      issues.push({
        path,
        value: id,
        message: `is a ${user.role} user; only active users with the role studio_contact are allowed`,
      });
    } else if (!user.active) {
      issues.push({
        path,
        value: id,
        message: 'is a deactivated user; only active studio contacts are allowed',
      });
    }
  }
  if (issues.length > 0) throw invalid(issues);
}

function twice(path: string, value: string): InputIssue {
  return { path, value, message: 'appears more than once; send each id once' };
}
