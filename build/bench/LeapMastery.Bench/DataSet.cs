using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeapMastery.Bench;

/// <summary>
/// The district-shaped framework: one domain root and COMPETENCIES − 1 competencies under it; up to five progressions
/// of 20 steps (each step requires the one before it); the rest stand alone. Scale 0–4 in four levels, mastery at 2.5,
/// decayingAverage (w = 0.65).
/// </summary>
public sealed class FrameworkShape
{
    public const int StepsPerProgression = 20;
    public const int MaxProgressions = 5;

    public int Total { get; }
    public IReadOnlyList<string> CompetencyCodes { get; }
    public IReadOnlyList<IReadOnlyList<string>> Progressions { get; }
    public IReadOnlyList<string> Standalone { get; }
    public int Prerequisites => Progressions.Sum(p => p.Count - 1);

    public FrameworkShape(int total)
    {
        Total = total;
        var codes = Enumerable.Range(1, total - 1).Select(i => $"C{i:D4}").ToList();
        CompetencyCodes = codes;
        var count = Math.Clamp(codes.Count / StepsPerProgression, 1, MaxProgressions);
        var steps = Math.Min(StepsPerProgression, codes.Count / count);
        Progressions = Enumerable.Range(0, count).Select(p => (IReadOnlyList<string>)codes.Skip(p * steps).Take(steps).ToList()).ToList();
        Standalone = codes.Skip(count * steps).ToList();
    }

    public string ToJson(string code)
    {
        var competencies = new JsonArray { new JsonObject { ["code"] = "D", ["statement"] = "Mathematics (benchmark domain)", ["kind"] = "domain" } };
        foreach (var c in CompetencyCodes)
            competencies.Add(new JsonObject
            {
                ["code"] = c,
                ["statement"] = $"Competency {c}: solves grade-level problems and explains the reasoning behind them",
                ["kind"] = "competency",
                ["parentCode"] = "D",
            });
        var prerequisites = new JsonArray();
        var progressions = new JsonArray();
        for (var p = 0; p < Progressions.Count; p++)
        {
            var steps = Progressions[p];
            for (var s = 1; s < steps.Count; s++)
                prerequisites.Add(new JsonObject { ["competencyCode"] = steps[s], ["requiresCode"] = steps[s - 1] });
            progressions.Add(new JsonObject { ["code"] = $"P{p + 1}", ["title"] = $"Progression {p + 1}", ["steps"] = new JsonArray(steps.Select(s => (JsonNode)s!).ToArray()) });
        }
        var body = new JsonObject
        {
            ["code"] = code,
            ["title"] = "Benchmark framework",
            ["scale"] = Scale(),
            ["policy"] = Policy(),
            ["competencies"] = competencies,
            ["prerequisites"] = prerequisites,
            ["progressions"] = progressions,
        };
        return body.ToJsonString();
    }

    /// <summary>The benchmark's scale: 0–4 in four levels, mastery at 2.5.</summary>
    public static JsonObject Scale() => new()
    {
        ["minPoints"] = 0, ["maxPoints"] = 4, ["masteryThreshold"] = 2.5,
        ["levels"] = new JsonArray
        {
            new JsonObject { ["code"] = "1", ["label"] = "Beginning", ["minScore"] = 0 },
            new JsonObject { ["code"] = "2", ["label"] = "Developing", ["minScore"] = 1.5 },
            new JsonObject { ["code"] = "3", ["label"] = "Proficient", ["minScore"] = 2.5 },
            new JsonObject { ["code"] = "4", ["label"] = "Extending", ["minScore"] = 3.5 },
        },
    };

    /// <summary>The benchmark's default policy: decayingAverage (w = 0.65), one piece of evidence of one modality suffices.</summary>
    public static JsonObject Policy() => new()
    {
        ["method"] = "decayingAverage", ["parameters"] = new JsonObject { ["w"] = 0.65 },
        ["minEvidence"] = 1, ["minModalities"] = 1, ["countSelfAssessment"] = false,
    };
}

/// <summary>Evidence bodies: 1–3 alignments along the learner's progression (or a stand-alone competency), mixed score forms.</summary>
public sealed class EvidenceFactory(FrameworkShape shape, IReadOnlyDictionary<string, Guid> ids, int evidencePerLearner)
{
    private static readonly string[] Modalities =
        ["assessment", "performanceTask", "project", "presentation", "observation", "portfolioArtifact", "conversation", "realWorld", "other", "selfAssessment"];

    private static readonly DateTime SeedStart = new(2025, 9, 2, 13, 0, 0, DateTimeKind.Utc);

    public static string LearnerId(int index) => $"s-{index + 1:D6}";

    /// <summary>
    /// The seed's evidence number <paramref name="round"/> of learner <paramref name="learner"/>: deterministic. With
    /// <paramref name="asResult"/> the body also names the learner (<c>"learnerId"</c>), as a result batch's item does.
    /// </summary>
    public (string Body, DateTime OccurredAt) Seed(int learner, int round, bool asResult = false)
    {
        var rng = new Random(HashCode.Combine(learner, round, 17));
        var occurred = SeedStart.AddDays(180.0 * round / evidencePerLearner).AddMinutes(rng.Next(0, 600));
        var position = (double)round / evidencePerLearner;
        return (Write(rng, learner, position, $"seed-{LearnerId(learner)}-{round}", occurred, asResult), occurred);
    }

    /// <summary>A new piece of evidence during measurement: a fresh source id, happening within the last ten hours.</summary>
    public (string Body, DateTime OccurredAt) Live(Random rng, int learner, string sourceId, bool asResult = false)
    {
        var occurred = DateTime.UtcNow.AddMinutes(-rng.Next(1, 600));
        occurred = new DateTime(occurred.Ticks - occurred.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return (Write(rng, learner, 0.5 + rng.NextDouble() / 2, sourceId, occurred, asResult), occurred);
    }

    /// <summary>The body of <c>POST /v1/results/batches</c>: <c>{"items": [...]}</c> around result bodies, as UTF-8.</summary>
    public static byte[] BatchBody(IEnumerable<string> results)
    {
        var sb = new StringBuilder("{\"items\":[");
        var first = true;
        foreach (var r in results)
        {
            if (!first) sb.Append(',');
            sb.Append(r);
            first = false;
        }
        return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }

    private string Write(Random rng, int learner, double position, string sourceId, DateTime occurred, bool asResult = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (asResult) w.WriteString("learnerId", LearnerId(learner));
            w.WriteString("sourceSystem", "bench-lms");
            w.WriteString("sourceId", sourceId);
            w.WriteString("modality", Modalities[rng.Next(rng.Next(10) == 0 ? Modalities.Length : Modalities.Length - 1)]);
            w.WriteString("occurredAt", occurred.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteStartArray("alignments");
            foreach (var code in PickCompetencies(rng, learner, position))
            {
                WriteAlignment(w, rng, ids[code]);
            }
            w.WriteEndArray();
            WriteFeedback(w);
            if (rng.Next(2) == 0) w.WriteString("artifactUrl", $"https://lms.example.org/artifacts/{LearnerId(learner)}/{Guid.NewGuid():N}");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One alignment with a score in one of the three shapes (points, raw/max, level code), as LMSs send them.</summary>
    public static void WriteAlignment(System.Text.Json.Utf8JsonWriter w, Random rng, Guid competencyId)
    {
        w.WriteStartObject();
        w.WriteString("competencyId", competencyId);
        switch (rng.Next(3))
        {
            case 0: w.WriteNumber("points", Math.Round((decimal)(1.0 + rng.NextDouble() * 3.0), 1)); break;
            case 1: w.WriteNumber("raw", rng.Next(4, 11)); w.WriteNumber("max", 10); break;
            default: w.WriteString("level", rng.Next(2, 5).ToString(CultureInfo.InvariantCulture)); break;
        }
        w.WriteEndObject();
    }

    /// <summary>Feedback on effort, process and mastery (LD.2), the same text in every evidence.</summary>
    public static void WriteFeedback(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartObject("feedback");
        w.WriteString("effort", "Kept going after the first attempt did not work and asked a precise question.");
        w.WriteString("process", "Drew a model first, then checked the answer against an estimate.");
        w.WriteString("mastery", "Explained the reasoning clearly; next, try a problem with unlike denominators.");
        w.WriteEndObject();
    }

    /// <summary>Mostly 1–3 consecutive steps of the learner's home progression near their current position; sometimes a stand-alone competency.</summary>
    private IEnumerable<string> PickCompetencies(Random rng, int learner, double position)
    {
        var count = 1 + rng.Next(3);
        if (shape.Standalone.Count > 0 && rng.Next(10) < 3)
        {
            var start = rng.Next(shape.Standalone.Count);
            return Enumerable.Range(0, Math.Min(count, shape.Standalone.Count)).Select(i => shape.Standalone[(start + i) % shape.Standalone.Count]);
        }
        var steps = shape.Progressions[learner % shape.Progressions.Count];
        var at = Math.Clamp((int)(position * steps.Count) + rng.Next(-1, 2), 0, steps.Count - 1);
        var first = Math.Clamp(at - count + 1, 0, Math.Max(0, steps.Count - count));
        return Enumerable.Range(first, Math.Min(count, steps.Count)).Select(i => steps[i]);
    }

    /// <summary>Reads the competency ids of the framework the API created, by code.</summary>
    public static Dictionary<string, Guid> IdsFrom(JsonNode framework) =>
        framework["competencies"]!.AsArray().ToDictionary(c => c!["code"]!.GetValue<string>(), c => c!["competencyId"]!.GetValue<Guid>());
}
