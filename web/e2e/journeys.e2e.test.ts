import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/provenance/scan/scan.js';
import { seriousViolations } from './axe.js';
import { type Harness, screenshot, signedIn, startHarness } from './harness.js';
import { wizardDriver } from './wizard-driver.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** Every page a journey visits is checked with axe-core: no serious or critical violation. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

async function detailState(page: Page): Promise<string> {
  return (await page.locator('.meta .state').textContent()) ?? '';
}

describe('a partner discloses a moodboard use', () => {
  it('sees notify live while answering, and the disclosure is acknowledged at once', async () => {
    const { context, page } = await signedIn(harness, 'partner@demo.test');
    await expectAccessible(page);
    await screenshot(page, '01-partner-home');
    await page.getByRole('link', { name: 'New disclosure' }).click();
    const wizard = wizardDriver(page);
    await expect.poll(() => page.getByTestId('verdict-incomplete').isVisible()).toBe(true);
    await expectAccessible(page);
    await wizard.basics(
      'Pre-production',
      'Moodboard images of 1920s harbour streets for the production designer.',
      'Images',
    );
    await wizard.enterpriseTool('Studio Image Enterprise');
    await wizard.tick('What will you put into the tools?', 'Only typed prompts');
    await wizard.next();
    await wizard.answer('Will anything generated appear in a final deliverable?', 'No');
    await wizard.next();
    await wizard.answer(
      "Will any performer's likeness, voice or performance be generated, replicated or altered?",
      'No',
    );
    expect(await page.getByLabel('Performer (name or role)').count()).toBe(0);
    await wizard.next();
    await wizard.realism([], 'No', 'No', 'No');
    await wizard.principles();
    expect(await wizard.liveOutcome()).toBe('Outcome: Notify');
    await expectAccessible(page);
    await screenshot(page, '02-moodboard-wizard-notify');
    await wizard.submit();
    expect(await detailState(page)).toBe('Acknowledged');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Disclosure submitted.');
    await expectAccessible(page);
    await screenshot(page, '03-moodboard-acknowledged');
    await context.close();
  });
});
