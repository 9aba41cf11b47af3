/**
 * The page at /app: sign in with a client id and secret, then a group's mastery grid (learners × competencies, coloured by
 * level, with the status in words and a symbol so colour is never the only cue), a learner's progressions, next steps and
 * recognitions, and the explanation of a cell. Everything comes from the public API through the typed client.
 */
import { createLeapClient, LeapProblem, ok, type Schemas } from "../../typescript/src/index.js";

type Client = ReturnType<typeof createLeapClient>;
type Framework = Schemas["FrameworkResponse"];
type CompetencyState = Schemas["CompetencyStateResponse"];

const origin = window.location.origin;
let leap: Client | undefined;
let framework: Framework | undefined;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

const STATUS: Record<string, { symbol: string; words: string }> = {
  mastered: { symbol: "✓", words: "Mastered" },
  inProgress: { symbol: "◐", words: "In progress" },
  lapsed: { symbol: "↺", words: "Mastery lapsed (not renewed)" },
  notYetAssessed: { symbol: "–", words: "Not yet assessed" },
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

function showError(form: HTMLElement, error: unknown) {
  const p = form.querySelector<HTMLElement>(".error")!;
  p.textContent = error instanceof LeapProblem ? error.message : String(error);
  p.hidden = false;
}

/** The level's rank on the scale (1 = lowest), for the cell's colour; 0 when not assessed. */
function rank(state: CompetencyState | undefined): number {
  const levels = framework?.scale?.levels ?? [];
  const index = levels.findIndex((l) => l.code === state?.level?.code);
  if (index < 0) return 0;
  return Math.max(1, Math.round(((index + 1) / levels.length) * 4));
}

function statusOf(state: CompetencyState | undefined) {
  return STATUS[state?.status ?? "notYetAssessed"] ?? STATUS.notYetAssessed!;
}

$("#sign-in").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const data = new FormData(form);
  const client = createLeapClient(origin, { clientId: String(data.get("clientId")), clientSecret: String(data.get("clientSecret")) });
  try {
    const frameworks = ok(await client.GET("/v1/frameworks", { params: { query: { limit: 200 } } }));
    const select = $<HTMLSelectElement>("#choose select[name=frameworkId]");
    select.replaceChildren(...(frameworks.items ?? []).map((f) => el("option", { value: f.frameworkId ?? "", textContent: `${f.title} (${f.code})` })));
    leap = client;
    form.hidden = true;
    $("#workspace").hidden = false;
  } catch (error) {
    showError(form, error);
  }
});

$("#choose").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  form.querySelector<HTMLElement>(".error")!.hidden = true;
  const data = new FormData(form);
  try {
    await showGrid(String(data.get("groupId")), String(data.get("frameworkId")));
  } catch (error) {
    showError(form, error);
  }
});

async function showGrid(groupId: string, frameworkId: string) {
  const client = leap!;
  const [group, fw] = await Promise.all([
    client.GET("/v1/groups/{groupId}", { params: { path: { groupId } } }).then(ok),
    client.GET("/v1/frameworks/{frameworkId}", { params: { path: { frameworkId } } }).then(ok),
  ]);
  framework = fw;
  const competencies = (fw.competencies ?? []).filter((c) => c.kind !== "domain");
  const members = group.members ?? [];
  const progress = await Promise.all(members.map((learnerId) =>
    client.GET("/v1/learners/{learnerId}/progress", { params: { path: { learnerId }, query: { frameworkId } } }).then(ok)));

  $("#grid-title").textContent = `${group.title ?? group.groupId} · ${fw.title} · ${members.length} learners`;
  $(".legend").replaceChildren(
    ...(fw.scale?.levels ?? []).map((level) => el("li", {}, el("span", { className: `level-${rank({ level } as CompetencyState)}` }), `${level.code} ${level.label}`)),
    ...Object.values(STATUS).map((s) => el("li", {}, `${s.symbol} ${s.words}`)),
  );
  const head = el("tr", {}, el("th", { scope: "col", textContent: "Learner" }),
    ...competencies.map((c) => el("th", { scope: "col", title: c.statement ?? "", textContent: c.code ?? "" })));
  const rows = members.map((learnerId, i) => {
    const states = new Map((progress[i]?.frameworks ?? []).flatMap((f) => f.competencies ?? []).map((s) => [s.competencyId, s]));
    const name = el("button", { type: "button", textContent: learnerId, dataset: { learner: learnerId } });
    name.addEventListener("click", () => showLearner(learnerId, frameworkId));
    return el("tr", {}, el("th", { scope: "row" }, name), ...competencies.map((c) => {
      const state = states.get(c.competencyId);
      const status = statusOf(state);
      const label = `${learnerId}, ${c.code}: ${status.words}${state?.level ? `, level ${state.level.code} ${state.level.label}` : ""}`;
      const cell = el("button", { type: "button", className: `level-${rank(state)}`, title: label, dataset: { learner: learnerId, competency: c.code ?? "", status: state?.status ?? "notYetAssessed" } },
        `${status.symbol} ${state?.level?.code ?? ""}`.trim(), el("span", { className: "status", textContent: status.words }));
      cell.setAttribute("aria-label", label);
      cell.addEventListener("click", () => showExplanation(learnerId, c.competencyId!, c.code ?? ""));
      return el("td", {}, cell);
    }));
  });
  $("#grid").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  $("#grid-section").hidden = false;
}

async function showLearner(learnerId: string, frameworkId: string) {
  const client = leap!;
  const [progress, next, recognitions] = await Promise.all([
    client.GET("/v1/learners/{learnerId}/progress", { params: { path: { learnerId }, query: { frameworkId } } }).then(ok),
    client.GET("/v1/learners/{learnerId}/next-steps", { params: { path: { learnerId }, query: { frameworkId } } }).then(ok),
    client.GET("/v1/learners/{learnerId}/recognitions", { params: { path: { learnerId } } }).then(ok),
  ]);
  const section = $("#learner");
  const progressions = (progress.frameworks ?? []).flatMap((f) => f.progressions ?? []).map((p) => {
    const steps = (framework?.progressions ?? []).find((x) => x.code === p.code)?.steps ?? [];
    return el("div", { className: "progression" },
      el("h4", { textContent: `${p.title}: ${p.stepsDone} of ${p.totalSteps} steps done (${p.percent}%)` }),
      el("ol", { className: "steps", ariaLabel: `Steps of ${p.title}` }, ...steps.map((code, i) => {
        const done = i < (p.stepsDone ?? 0);
        const current = !done && code === p.position?.code;
        return el("li", { className: done ? "done" : current ? "current" : "", textContent: `${done ? "✓ " : current ? "→ " : ""}${code}${current ? " (current)" : ""}` });
      })));
  });
  const nextSteps = [...(next.advance ?? []).map((s) => `Advance: ${s.code} — ${s.statement}`), ...(next.goDeeper ?? []).map((s) => `Go deeper: ${s.code} — ${s.statement}`)];
  const awards = (Array.isArray(recognitions) ? recognitions : []) as Schemas["AwardResponse"][];
  section.replaceChildren(
    el("h3", { textContent: `Learner ${learnerId}` }),
    ...progressions,
    el("h4", { textContent: "Next steps" }),
    nextSteps.length ? el("ul", { className: "next-steps" }, ...nextSteps.map((s) => el("li", { textContent: s }))) : el("p", { textContent: "No next steps: every step is done." }),
    el("h4", { textContent: "Recognitions" }),
    awards.length ? el("ul", { className: "recognitions" }, ...awards.map((a) => el("li", { textContent: `${a.name} (${a.kind}, ${a.status})` }))) : el("p", { textContent: "No recognitions yet." }),
  );
  section.hidden = false;
  section.scrollIntoView({ block: "nearest" });
}

async function showExplanation(learnerId: string, competencyId: string, code: string) {
  const explanation = ok(await leap!.GET("/v1/learners/{learnerId}/competencies/{competencyId}/explanation", {
    params: { path: { learnerId, competencyId } },
  }));
  const status = statusOf(explanation.state);
  const section = $("#explanation");
  section.replaceChildren(
    el("h3", { textContent: `Why ${learnerId} is at ${explanation.state?.level ? `level ${explanation.state.level.code} ${explanation.state.level.label}` : "no level yet"} on ${code}` }),
    el("p", { className: "statement", textContent: explanation.statement ?? "" }),
    el("p", { className: "summary", textContent: `${status.symbol} ${explanation.summary ?? status.words}` }),
    el("ul", { className: "steps-explained" }, ...(explanation.steps ?? []).map((s) => el("li", { textContent: s }))),
    el("h4", { textContent: `Evidence counted (${explanation.counted?.length ?? 0})` }),
    el("ul", {}, ...(explanation.counted ?? []).map((e) =>
      el("li", { textContent: [e.occurredAt?.slice(0, 10), e.modality, e.explanation, e.feedback?.mastery && `“${e.feedback.mastery}”`].filter(Boolean).join(" · ") }))),
  );
  section.hidden = false;
  section.scrollIntoView({ block: "nearest" });
}
