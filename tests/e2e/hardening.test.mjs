// Reliability and security of the lab page: a training worker that dies mid-run, markup in
// every kind of URL parameter, prefers-reduced-motion, and a long run's memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedEnvironment,
  assertClean,
  waitForInteractive,
  stepCount,
  heapUsed,
  playFast,
} from './helpers.mjs';

const env = sharedEnvironment();

const longRun = 'lab.html?lab=localization&steps=200000';
const steps = (page) => page.evaluate(() => window.__probe.step);

/** Frames the worker sent per second over `ms`, counted by the probe. */
async function frameRate(page, ms) {
  const start = await page.evaluate(() => window.__probe.frames);
  await page.waitForTimeout(ms);
  return ((await page.evaluate(() => window.__probe.frames)) - start) / (ms / 1000);
}

async function expectRestartedAndPlayable(page, notice) {
  await page.waitForFunction(
    () => document.querySelector('.notice-error[data-key="crash"]'),
    null,
    { timeout: 40000 },
  );
  assert.match(await page.textContent('.notice-error[data-key="crash"] p'), notice);
  assert.match(await page.textContent('.notice-error[data-key="crash"] p'), /restarted/);
  // The new worker reopens the lab with the same settings, at step 0; play works again.
  await page.waitForSelector('[data-testid="play"]:not([disabled])');
  await page.waitForFunction(
    () => window.__probe.workers.length === 2 && window.__probe.step === 0,
  );
  assert.equal(await page.getAttribute('[data-testid="play"]', 'aria-pressed'), 'false');
  assert.match(page.url(), /steps=200000/);
  await page.click('[data-testid="play"]');
  // Trains again: a step past 0, however slowly the machine runs (no timeout).
  await page.waitForFunction(() => window.__probe.step > 0, null, { timeout: 0 });
  await page.click('[data-testid="play"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="run-state"]').textContent === 'Paused',
  );
  assert.ok((await stepCount(page)) > 0);
}

// The failure is injected into the real worker through the DevTools protocol (Playwright's
// Worker.evaluate): the page has no test hook that a URL or a script could reach.
test('a worker that throws mid-training is replaced with a message, and the lab plays again', async () => {
  const { page, record } = await env.open(longRun, { probe: true });
  await waitForInteractive(page);
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => window.__probe.step > 300);
  const [worker] = page.workers();
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('injected failure');
    });
  });
  await expectRestartedAndPlayable(page, /stopped unexpectedly \(.*injected failure\)/);
  // The worker's own report of its uncaught error is expected; nothing else may go wrong.
  record.consoleErrors = record.consoleErrors.filter((text) => !text.includes('injected failure'));
  await assertClean(assert, page, record, env.origin);
});

test('a worker that goes silent mid-training is noticed by the watchdog and replaced', async () => {
  // The watchdog waits 6 s of silence here instead of the page's 20 (web/js/client.js).
  const { page, record } = await env.open(longRun, {
    probe: true,
    init: () => (window.__vilabStallMs = 6000),
  });
  await waitForInteractive(page);
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => window.__probe.step > 300);
  // close() ends a worker without any event reaching the page: only silence tells.
  await page.workers()[0].evaluate(() => self.close());
  await expectRestartedAndPlayable(page, /stopped answering \(no answer for 6 s\)/);
  await assertClean(assert, page, record, env.origin);
});

const payload =
  '"><img src=x onerror="window.__pwned=1;alert(1)"><svg onload=alert(2)><script>window.__pwned=3;alert(3)</script>';

/** Tag counts outside the notices, and whether any markup got into the page. */
function inspect(page) {
  return page.evaluate(() => {
    const census = {};
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('#messages')) continue;
      census[el.tagName] = (census[el.tagName] ?? 0) + 1;
    }
    const notices = [...document.querySelectorAll('#messages > *')];
    return {
      census,
      notices: notices.map((n) => n.querySelector('p')?.textContent ?? ''),
      noticeShapes: notices.map((n) =>
        [...n.querySelectorAll('*')].map((el) => el.tagName).join(','),
      ),
      handlers: [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => /^on/i.test(a.name)),
      ).length,
      injected: document.querySelectorAll(
        'img[src="x"], svg[onload], #messages script, a[href^="javascript:"]',
      ).length,
      pwned: window.__pwned ?? null,
      embed: document.body.classList.contains('embed'),
    };
  });
}

async function openSettled(query) {
  const opened = await env.open(`lab.html?${query}`, { probe: true });
  await waitForInteractive(opened.page);
  // The explanation is written, and its formulas typeset (KaTeX comes after the first frame).
  await opened.page.waitForFunction(
    () =>
      !/^Loading/.test(document.querySelector('#explanation-body').textContent) &&
      document.querySelector('#explanation-body .katex') &&
      !document.querySelector('.math-pending'),
  );
  return opened;
}

test('markup in every kind of URL parameter stays text: no new elements, no script, no dialog', async () => {
  const baseline = await openSettled('lab=localization');
  const catalog = await baseline.page.evaluate(() => window.__probe.catalog);
  const clean = await inspect(baseline.page);
  assert.equal(clean.notices.length, 0);

  // The lab name.
  const byName = await openSettled(new URLSearchParams({ lab: payload }).toString());
  const named = await inspect(byName.page);
  assert.equal(named.notices.length, 1);
  assert.ok(named.notices[0].includes('<img src=x'), 'the payload is shown literally');
  assert.deepEqual(named.census, clean.census, 'the page has exactly the elements of a clean load');
  await assertClean(assert, byName.page, byName.record, env.origin);

  // A number, an integer, a boolean, the seed, embed, and a parameter name.
  const params = new URLSearchParams({
    lab: 'localization',
    lr: payload,
    readingsPerSensor: payload,
    lrDecay: payload,
    seed: payload,
    embed: payload,
  });
  params.append(payload, '1');
  const byValue = await openSettled(params.toString());
  const valued = await inspect(byValue.page);
  assert.equal(valued.notices.length, 5, valued.notices.join('\n'));
  assert.deepEqual(valued.census, clean.census);
  assert.equal(valued.embed, false, 'embed is on for "1" only');
  assert.doesNotMatch(byValue.page.url(), /onerror|%3Cimg/i, 'the rewritten URL drops the payload');
  await assertClean(assert, byValue.page, byValue.record, env.origin);

  // A choice field, in whichever registered lab has one.
  const [choiceLab, choiceKey] =
    Object.entries(catalog).flatMap(([lab, { schema }]) =>
      Object.entries(schema)
        .filter(([, spec]) => spec.type === 'choice')
        .map(([key]) => [lab, key]),
    )[0] ?? [];
  assert.ok(choiceLab, 'some registered lab has a choice field');
  const choiceBaseline = await inspect((await openSettled(`lab=${choiceLab}`)).page);
  const byChoice = await openSettled(
    new URLSearchParams({ lab: choiceLab, [choiceKey]: payload }).toString(),
  );
  const chosen = await inspect(byChoice.page);
  assert.equal(chosen.notices.length, 1);
  assert.match(
    chosen.notices[0],
    new RegExp(`Ignored ${choiceKey.replace('.', '\\.')} = ".*<img src=x`),
  );
  assert.deepEqual(chosen.census, choiceBaseline.census);
  await assertClean(assert, byChoice.page, byChoice.record, env.origin);

  for (const result of [named, valued, chosen]) {
    assert.equal(result.handlers, 0, 'no inline event handler attributes');
    assert.equal(result.injected, 0);
    assert.equal(result.pwned, null);
    assert.ok(
      result.noticeShapes.every((shape) => shape === 'P,BUTTON'),
      `notices hold text only: ${result.noticeShapes}`,
    );
  }
});

// The page asks for 30 frames a second, fewer when its drawing is slow (pacing.js), and 4 with
// reduced motion. The drawing cost is fixed (window.__vilabFrameCostMs) so that the rates asked
// for do not depend on the machine's speed; the rates received are bounded above only (a busy
// machine delivers fewer frames, never more).
const cheapFrames = (page) => page.evaluate(() => (window.__vilabFrameCostMs = 2));

test('prefers-reduced-motion lowers the frame rate, from the start and when it changes', async () => {
  const { page, record } = await env.open(longRun, { probe: true });
  await waitForInteractive(page);
  await cheapFrames(page);
  await playFast(page);
  await page.waitForFunction(() => window.__probe.step > 0);
  const normal = await frameRate(page, 2500);
  const asked = await page.evaluate(() => window.__probe.maxFps);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitForFunction(() => window.__probe.maxFps.at(-1) === 4);
  const stepsBefore = await steps(page);
  const reduced = await frameRate(page, 2500);
  const askedReduced = await page.evaluate(() => window.__probe.maxFps);
  console.log(
    `# frames per second: ${normal.toFixed(1)} (asked ${asked.at(-1)}) normally, ${reduced.toFixed(1)} (asked ${askedReduced.at(-1)}) with reduced motion`,
  );
  assert.deepEqual([...new Set(asked)], [30], 'normally the page asks for 30 frames/s');
  assert.ok(normal <= 30 + 2, `and gets at most that: ${normal}`);
  assert.deepEqual([...new Set(askedReduced.slice(asked.length))], [4]);
  assert.ok(reduced <= 6, `reduced motion: ${reduced} frames/s`);
  assert.ok((await steps(page)) > stepsBefore, 'training goes on');
  await assertClean(assert, page, record, env.origin);

  const fresh = await env.open(longRun, { probe: true, reducedMotion: 'reduce' });
  await waitForInteractive(fresh.page);
  await cheapFrames(fresh.page);
  await playFast(fresh.page);
  await fresh.page.waitForFunction(() => window.__probe.step > 0);
  const fromStart = await frameRate(fresh.page, 2500);
  assert.deepEqual([...new Set(await fresh.page.evaluate(() => window.__probe.maxFps))], [4]);
  assert.ok(fromStart <= 6, `reduced motion from the start: ${fromStart} frames/s`);
  // Training is not slowed with the frames: the speed sent is "as fast as possible".
  assert.equal(await fresh.page.inputValue('[data-testid="speed"]'), 'Infinity');
  await assertClean(assert, fresh.page, fresh.record, env.origin);
});

// The engine bounds its histories (about a thousand points); the page keeps only the latest
// frame. Heap samples are taken after a forced garbage collection; even so a sample swings by
// a megabyte or two with what is in flight, so each window's smallest of three is compared.
// A run that lasts well past the test's 20 s at full speed: regression's point estimate alone.
const longerRun = 'lab.html?lab=regression&mle.steps=200000&vi.steps=0&bnn.steps=0';

test('a long run at full speed keeps the heap, the engine memory and the histories bounded', async () => {
  const { page, record } = await env.open(longerRun, { probe: true });
  await waitForInteractive(page);
  await playFast(page);
  // Counted in steps, not seconds, so that a slow machine runs the same test (no timeout).
  await page.waitForFunction(() => window.__probe.step >= 2000, null, { timeout: 0 });
  const sample = async () => {
    const heaps = [];
    for (let i = 0; i < 3; i++) {
      heaps.push(await heapUsed(page));
      await page.waitForTimeout(700);
    }
    return {
      heap: Math.min(...heaps),
      ...(await page.evaluate(() => ({
        step: window.__probe.step,
        engineBytes: window.__probe.engineBytes,
        maxHistory: window.__probe.maxHistory,
        elements: document.getElementsByTagName('*').length,
      }))),
    };
  };
  const first = await sample();
  await page.waitForFunction((from) => window.__probe.step >= from + 10000, first.step, {
    timeout: 0,
  });
  const second = await sample();
  console.log(`# long run: ${JSON.stringify({ first, second })}`);
  assert.ok(second.step - first.step >= 10000, `trained on: ${first.step} -> ${second.step}`);
  // A leak of one frame's views per frame would be megabytes a second.
  assert.ok(second.heap - first.heap < 3e6, `heap ${first.heap} -> ${second.heap}`);
  assert.ok(
    second.engineBytes - first.engineBytes <= 1 << 20,
    `engine memory ${first.engineBytes} -> ${second.engineBytes}`,
  );
  assert.ok(
    second.maxHistory > 100 && second.maxHistory <= 1100,
    `history length ${second.maxHistory}`,
  );
  assert.equal(second.elements, first.elements, 'no elements pile up');
  await assertClean(assert, page, record, env.origin);
});
