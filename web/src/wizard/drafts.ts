import type { WizardAnswers } from './answers.js';
import type { StepId } from './steps.js';

/**
 * Drafts live in this browser's localStorage, saved on every answer. The API can store a
 * draft disclosure, but only a valid one (title and description given) and it has no move
 * that submits a stored draft; a local draft keeps half-finished answers and survives a reload.
 */
export type Draft = {
  readonly answers: WizardAnswers;
  readonly step: StepId;
  /** Reused on retry so a submission that reached the server is not made twice. */
  readonly idempotencyKey: string;
  readonly savedAt: string;
};

const PREFIX = 'clearframe.draft.';

/** One draft per user for a new disclosure, and one per disclosure being revised. */
export function draftKey(userId: string, disclosureId: string | undefined): string {
  return `${PREFIX}${userId}.${disclosureId ?? 'new'}`;
}

export function loadDraft(key: string): Draft | null {
  const raw = localStorage.getItem(key);
  if (raw === null) return null;
  try {
    const draft = JSON.parse(raw) as Draft;
    return typeof draft === 'object' && draft !== null && typeof draft.idempotencyKey === 'string'
      ? draft
      : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): void {
  localStorage.setItem(key, JSON.stringify(draft));
}

export function clearDraft(key: string): void {
  localStorage.removeItem(key);
}
