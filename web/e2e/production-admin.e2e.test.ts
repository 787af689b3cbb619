import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { type Harness, screenshot, signedIn, startHarness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

const row = (page: Page, title: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });

describe('a studio admin sets up a production', () => {
  it('creates it with its partner, a vendor and a named contact, then renames it and detaches the vendor', async () => {
    const { context, page } = await signedIn(harness, 'admin@demo.test');
    await page.getByRole('link', { name: 'Productions' }).click();
    await page.getByRole('heading', { name: 'New production' }).waitFor();
    await expectAccessible(page);

    const form = page.getByRole('region', { name: 'New production' });
    await form.getByLabel('Title').fill('Tidal Archive');
    await form.getByLabel('Format').selectOption({ label: 'Documentary' });
    await form.getByLabel('Production partner').selectOption({ label: 'Harbour Pictures (demo)' });
    await form.getByRole('checkbox', { name: 'Pixelforge VFX (demo)' }).check();
    await form.getByRole('checkbox', { name: 'Cam Contact (contact@demo.test)' }).check();
    await form.getByRole('button', { name: 'Create production' }).click();

    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Production “Tidal Archive” created.');
    const created = row(page, 'Tidal Archive');
    await expect
      .poll(() => created.getByRole('cell').allTextContents())
      .toEqual(['Documentary', 'Harbour Pictures (demo)', 'Pixelforge VFX (demo)', 'Cam Contact', 'Edit']);
    await expectAccessible(page);
    await screenshot(page, '20-admin-production-created');

    await created.getByRole('button', { name: 'Edit “Tidal Archive”' }).click();
    const edit = page.getByRole('region', { name: 'Edit “Tidal Archive”' });
    await edit.getByLabel('Title').fill('Tidal Archive (series)');
    await edit.getByRole('checkbox', { name: 'Pixelforge VFX (demo)' }).uncheck();
    await expectAccessible(page);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Production “Tidal Archive (series)” saved.');
    await expect
      .poll(() => row(page, 'Tidal Archive (series)').getByRole('cell').nth(2).textContent())
      .toBe('—');
    await context.close();

    // The partner now finds the production among its titles when disclosing; the vendor does not.
    const partner = await signedIn(harness, 'partner@demo.test');
    await partner.page.goto('/disclose');
    const productionSelect = partner.page.getByLabel('Production', { exact: true });
    await expect
      .poll(() => productionSelect.locator('option').allTextContents())
      .toContain('Tidal Archive (series)');
    await partner.context.close();
    const vendor = await signedIn(harness, 'vendor@demo.test');
    await vendor.page.goto('/disclose');
    const vendorSelect = vendor.page.getByLabel('Production', { exact: true });
    await expect.poll(() => vendorSelect.locator('option').allTextContents()).toContain('Harbour Lights');
    expect(await vendorSelect.locator('option').allTextContents()).not.toContain('Tidal Archive (series)');
    await vendor.context.close();
  });

  it('is not offered to other roles', async () => {
    const { context, page } = await signedIn(harness, 'legal@demo.test');
    expect(await page.getByRole('link', { name: 'Productions' }).count()).toBe(0);
    await context.close();
  });
});
