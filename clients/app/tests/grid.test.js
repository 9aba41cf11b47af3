// The page at /app in a real browser (Debian's Chromium driven by playwright-core) against a running service with the demo
// data of ./build/run: what a person sees — the grid's cells and labels, a learner's progressions, an explanation opened.
//
//   LEAP_API=http://127.0.0.1:5080 LEAP_CLIENT_SECRET=… npm run test:browser
//
// Screenshots go to clients/app/screenshots/ (CI keeps them as artifacts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const api = process.env.LEAP_API ?? "http://127.0.0.1:5080";
const clientId = process.env.LEAP_CLIENT_ID ?? "demo-admin";
const secret = process.env.LEAP_CLIENT_SECRET;
const shots = new URL("../screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

let browser;
let page;

before(async () => {
  assert.ok(secret, "Set LEAP_CLIENT_SECRET (./build/run prints it; also in .data/local-secrets.env).");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true, // Playwright gives it a new, empty profile
    // As root in a container Chromium needs --no-sandbox; the rest keep it off a closed network.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => { throw e; });
});

after(async () => {
  await browser?.close();
});

test("a wrong secret is refused with the API's message, and signing in shows the frameworks", async () => {
  await page.goto(`${api}/app/`);
  await page.fill("input[name=clientId]", clientId);
  await page.fill("input[name=clientSecret]", "not-the-secret");
  await page.click("#sign-in button[type=submit]");
  const error = page.locator("#sign-in .error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /invalid_client/);

  await page.fill("input[name=clientSecret]", secret);
  await page.click("#sign-in button[type=submit]");
  await page.locator("#workspace").waitFor({ state: "visible" });
  assert.equal(await page.locator("#sign-in").isVisible(), false, "the sign-in form goes once signed in");
  const options = await page.locator("#choose select option").allTextContents();
  assert.ok(options.some((o) => o.includes("math-fractions")), `frameworks listed: ${options}`);
});

test("the group's grid shows learners × competencies, coloured by level, with the status in words", async () => {
  await page.fill("input[name=groupId]", "demo-class");
  await page.click("#choose button[type=submit]");
  await page.locator("#grid tbody tr").first().waitFor();
  assert.match(await page.locator("#grid-title").textContent(), /8 learners/);
  assert.equal(await page.locator("#grid tbody tr").count(), 8);
  const headers = await page.locator("#grid thead th").allTextContents();
  assert.deepEqual(headers.slice(1, 6), ["3.NF.A.1", "4.NF.A.1", "5.NF.A.1", "5.NF.B.4", "6.NS.A.1"]);

  // demo-learner-04 showed level 4 on the first step: mastered, darkest colour, said in words and by a symbol.
  const mastered = page.locator('td button[data-learner="demo-learner-04"][data-competency="3.NF.A.1"]');
  assert.equal(await mastered.getAttribute("data-status"), "mastered");
  assert.match(await mastered.textContent(), /✓ 4\s*Mastered/);
  assert.match(await mastered.getAttribute("class"), /level-4/);
  assert.match(await mastered.getAttribute("aria-label"), /Mastered, level 4 Extending/);
  // demo-learner-05: level 1 on the second step is in progress; demo-learner-08 has nothing yet.
  const inProgress = page.locator('td button[data-learner="demo-learner-05"][data-competency="4.NF.A.1"]');
  assert.match(await inProgress.textContent(), /◐ 1\s*In progress/);
  const notYet = page.locator('td button[data-learner="demo-learner-08"][data-competency="3.NF.A.1"]');
  assert.match(await notYet.textContent(), /Not yet assessed/);
  assert.match(await notYet.getAttribute("class"), /level-0/);
  assert.match(await page.locator(".legend").textContent(), /Mastered.*In progress.*Not yet assessed/s);
  await page.locator("#grid-section").screenshot({ path: join(shots, "mastery-grid.png") });
});

test("choosing a cell opens the explanation of its level", async () => {
  await page.click('td button[data-learner="demo-learner-02"][data-competency="4.NF.A.1"]');
  const explanation = page.locator("#explanation");
  await explanation.waitFor({ state: "visible" });
  assert.match(await explanation.locator("h3").textContent(), /Why demo-learner-02 is at level 3 Proficient on 4\.NF\.A\.1/);
  assert.match(await explanation.textContent(), /Evidence counted \(1\)/);
  await explanation.screenshot({ path: join(shots, "explanation.png") });
});

test("choosing a learner shows their progression, next steps and recognitions", async () => {
  await page.click('th button[data-learner="demo-learner-03"]');
  const learner = page.locator("#learner");
  await learner.waitFor({ state: "visible" });
  assert.match(await learner.locator("h3").textContent(), /Learner demo-learner-03/);
  const text = await learner.textContent();
  assert.match(text, /Fractions: 2 of 5 steps done/);
  assert.match(await learner.locator(".steps li.current").textContent(), /5\.NF\.A\.1 \(current\)/);
  assert.match(text, /Next steps/);
  assert.match(text, /Recognitions/);
  await page.screenshot({ path: join(shots, "page.png"), fullPage: true });
});
