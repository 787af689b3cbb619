/** Organisation kinds: the studio owns productions; partners make them; vendors are attached to them. */
export const ORGANISATION_KINDS = ['studio', 'partner', 'vendor'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Every role a user can hold. A role belongs to one organisation kind (see ROLE_ORGANISATION_KIND). */
export const ROLES = [
  'partner_member',
  'partner_admin',
  'studio_contact',
  'studio_legal',
  'studio_admin',
  'delivery_qc',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Partner roles serve partner and vendor organisations alike; the rest are studio staff. */
export const ROLE_ORGANISATION_KINDS: Readonly<Record<Role, readonly OrganisationKind[]>> = {
  partner_member: ['partner', 'vendor'],
  partner_admin: ['partner', 'vendor'],
  studio_contact: ['studio'],
  studio_legal: ['studio'],
  studio_admin: ['studio'],
  delivery_qc: ['studio'],
  auditor: ['studio'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
