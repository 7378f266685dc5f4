// The "Try this" card: on a desktop screen it starts within the first screen of plots in every
// lab; a button applies the setting its question talks about (the field and the URL follow) and
// Undo puts the previous value back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedEnvironment, openLab, assertClean, screenshot, registeredLabs } from './helpers.mjs';

const env = sharedEnvironment({ viewport: { width: 1280, height: 900 } });

const labs = await registeredLabs();

for (const lab of labs)
  test(`${lab}: the Try this card starts within the first screen of plots`, async () => {
    const { page } = await openLab(env, lab);
    await page.waitForSelector('.try-this .try-button');
    const { top, plotsTop, screen } = await page.evaluate(() => ({
      top: document.querySelector('.try-this').getBoundingClientRect().top,
      plotsTop: document.querySelector('#plots').getBoundingClientRect().top,
      screen: innerHeight,
    }));
    assert.ok(top - plotsTop < screen, `card at ${top}, plots from ${plotsTop}`);
    assert.ok((await page.locator('.try-this .try-button').count()) >= 1);
    await page.close();
  });

// The control of a field as the page shows it: a select's or a number input's value.
const fieldValue = (page, key) =>
  page
    .locator(`[data-field="${key}"] select, [data-field="${key}"] .field-input`)
    .first()
    .inputValue();

async function waitFor(page, key, value, inUrl) {
  await page.waitForFunction(
    ([k, v, url]) => {
      const control = document.querySelector(
        `[data-field="${k}"] select, [data-field="${k}"] .field-input`,
      );
      const params = new URLSearchParams(location.search);
      return control?.value === v && (url === null ? !params.has(k) : params.get(k) === url);
    },
    [key, value, inUrl],
  );
}

test('regression: a Try button sets its field and the URL, and Undo restores both', async () => {
  const { page, record } = await openLab(env, 'regression');
  const sine = page.getByRole('button', { name: 'Try: Data set sine', exact: true });
  const steps = page.getByRole('button', { name: 'Try: vi steps 5000' });
  const undo = page.locator('.try-this .try-undo');
  assert.equal(await fieldValue(page, 'dataset'), 'cubic');
  assert.ok(await undo.isDisabled(), 'nothing to undo yet');

  await sine.click();
  await waitFor(page, 'dataset', 'sine', 'sine');
  await steps.click();
  await waitFor(page, 'vi.steps', '5000', '5000');
  await screenshot(page, 'try_this_regression.png');

  await undo.click(); // the last try first
  await waitFor(page, 'vi.steps', '1000', null);
  assert.equal(await fieldValue(page, 'dataset'), 'sine');
  await undo.click();
  await waitFor(page, 'dataset', 'cubic', null);
  assert.ok(await undo.isDisabled());
  await assertClean(assert, page, record, env.origin);
  await page.close();
});
