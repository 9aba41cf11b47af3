/**
 * The README walk-through with the typed client: a token, the tenant's framework, evidence for a learner, their progress,
 * and a report card. Run it against `./build/run`:
 *
 *   LEAP_API=http://127.0.0.1:5080 LEAP_CLIENT_ID=demo-admin LEAP_CLIENT_SECRET=… npm run example
 *
 * It exits non-zero (a LeapProblem names the status and the problem's fields) when an answer is not what the walk-through expects, so CI runs it against a real service.
 */
import { createLeapClient, ok } from "../src/index.js";

const api = process.env.LEAP_API ?? "http://127.0.0.1:5080";
const clientId = process.env.LEAP_CLIENT_ID ?? "demo-admin";
const clientSecret = process.env.LEAP_CLIENT_SECRET;
if (!clientSecret) throw new Error("Set LEAP_CLIENT_SECRET (./build/run prints it; also in .data/local-secrets.env).");

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`Walk-through: ${what}`);
}

const leap = createLeapClient(api, { clientId, clientSecret });
const run = Date.now().toString(36);

// 1–2. The tenant's frameworks, then the demo one in full.
const frameworks = ok(await leap.GET("/v1/frameworks", { params: { query: { limit: 50 } } }));
const summary = frameworks.items?.find((f) => f.code === "math-fractions");
check(summary?.frameworkId, "the demo framework math-fractions is listed");
const framework = ok(await leap.GET("/v1/frameworks/{frameworkId}", { params: { path: { frameworkId: summary.frameworkId } } }));
const competency = framework.competencies?.find((c) => c.code === "3.NF.A.1");
check(competency?.competencyId, "the framework has competency 3.NF.A.1");
console.log(`Framework ${framework.code} v${framework.version}: ${framework.competencies?.length} competencies`);

// 3. Bad input is a problem with field errors, and nothing is written.
const refused = await leap.POST("/v1/frameworks", { body: { code: "no spaces allowed" } as never });
check(refused.response.status === 400 && refused.error?.errors?.some((e) => e.name === "code"), "a bad framework is a 400 naming code");
console.log(`Refused as it should be: ${refused.error?.errors?.map((e) => e.name).join(", ")}`);

// 4. Evidence for a learner, then their progress.
const learnerId = `ts-${run}`;
const evidence = ok(await leap.POST("/v1/learners/{learnerId}/evidence", {
  params: { path: { learnerId } },
  body: {
    sourceSystem: "typescript-example", sourceId: `result-${run}`, modality: "assessment", occurredAt: new Date(Date.now() - 60_000).toISOString(),
    alignments: [{ competencyId: competency.competencyId, raw: 9, max: 10 }],
    feedback: { effort: "Kept going", process: "Drew a model", mastery: "Explained it" },
  },
}));
console.log(`Evidence ${evidence.evidenceId} recorded for ${learnerId}`);

const progress = ok(await leap.GET("/v1/learners/{learnerId}/progress", { params: { path: { learnerId } } }));
const state = progress.frameworks?.flatMap((f) => f.competencies ?? []).find((c) => c.competencyId === competency.competencyId);
check(state?.level?.code, "progress shows a level for 3.NF.A.1");
console.log(`Progress on 3.NF.A.1: level ${state.level.code} (${state.level.label}), mastered: ${state.mastered}`);

// 5. A reporting period that covers today, and the learner's report card for it.
const today = new Date();
const period = ok(await leap.POST("/v1/reporting-periods", {
  body: { code: `ts-${run}`, title: "Walk-through period", startDate: `${today.getUTCFullYear()}-01-01`, endDate: `${today.getUTCFullYear()}-12-31` },
}));
check(period.periodId, "the reporting period was created");
const card = ok(await leap.GET("/v1/learners/{learnerId}/report-cards/{periodId}", { params: { path: { learnerId, periodId: period.periodId } } }));
const row = card.frameworks?.flatMap((f) => f.competencies ?? []).find((c) => c.code === "3.NF.A.1");
check(row?.status, "the report card lists 3.NF.A.1");
console.log(`Report card ${card.periodCode}: 3.NF.A.1 is ${row.status}`);

console.log("Walk-through passed.");
