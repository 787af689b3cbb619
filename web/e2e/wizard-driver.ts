import type { Page } from 'playwright-core';

/**
 * Drives the disclosure wizard the way a person does: by the visible labels of questions and
 * answers, pressing Next between steps. If a label changes, the journey fails where a user
 * would be lost too.
 */
export function wizardDriver(page: Page) {
  return {
    async answer(question: string, option: string): Promise<void> {
      await page
        .getByRole('group', { name: question, exact: true })
        .getByLabel(option, { exact: true })
        .check();
    },

    async tick(question: string, ...options: string[]): Promise<void> {
      const group = page.getByRole('group', { name: question, exact: true });
      for (const option of options) await group.getByLabel(option, { exact: true }).check();
    },

    async select(label: string, option: string): Promise<void> {
      await page.getByLabel(label, { exact: true }).selectOption({ label: option });
    },

    async fill(label: string, value: string): Promise<void> {
      await page.getByLabel(label, { exact: true }).fill(value);
    },

    async next(): Promise<void> {
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    },

    async basics(phase: string, description: string, media: string): Promise<void> {
      await this.select('Production phase', phase);
      await this.fill('What will you do, and why?', description);
      await this.tick('What kind of material will be generated?', media);
      await this.next();
    },

    async enterpriseTool(name: string): Promise<void> {
      await page.getByRole('button', { name: 'Add a tool' }).click();
      await this.fill('Tool name', name);
      await this.answer('Used under an enterprise agreement or in a secured environment?', 'Yes');
      await this.answer('Does the tool store, reuse or train on what you put in or get out?', 'No');
      await this.next();
    },

    async principles(answers: Partial<Record<string, string>> = {}): Promise<void> {
      for (const principle of [
        'The outputs will not copy identifiable copyrighted or unowned material.',
        'The tools will not store, reuse or train on production inputs or outputs.',
        'The tools run in an enterprise-secured environment.',
        'The output is temporary and not part of any final deliverable.',
        'No performance or union-covered work is replaced or generated without consent.',
      ]) {
        await this.answer(principle, answers[principle] ?? 'Yes');
      }
      await this.next();
    },

    async realism(depicts: string[], mislead: string, evidence: string, fabricated: string): Promise<void> {
      if (depicts.length > 0) await this.tick('Will the material depict any of these?', ...depicts);
      await this.answer('Could an audience take it for a real event, person or statement?', mislead);
      await this.answer(
        'Will it be presented as factual record (archival photo, document, quote)?',
        evidence,
      );
      await this.answer('Does it show a real person saying or doing something they never did?', fabricated);
      await this.next();
    },

    /** The outcome line of the live verdict panel, e.g. "Outcome: Notify". */
    async liveOutcome(): Promise<string> {
      return (
        (await page
          .getByRole('complementary')
          .getByTestId('verdict-outcome')
          .locator('strong')
          .textContent()) ?? ''
      );
    },

    async submit(): Promise<void> {
      await page.getByRole('button', { name: 'Submit disclosure' }).click();
      await page.waitForURL(/\/disclosures\/[^/]+\?submitted=1$/);
    },
  };
}
