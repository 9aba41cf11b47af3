namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>Request bodies the tests share.</summary>
public static class Samples
{
    public static object Scale() => new
    {
        minPoints = 0, maxPoints = 4, masteryThreshold = 2.5,
        levels = new object[]
        {
            new { code = "1", label = "Beginning", minScore = 0 },
            new { code = "2", label = "Developing", minScore = 1.5 },
            new { code = "3", label = "Proficient", minScore = 2.5 },
            new { code = "4", label = "Extending", minScore = 3.5 },
        },
    };

    /// <summary>A small fractions framework: A → B → C → D prerequisites, one progression over them, and an extension of B.</summary>
    public static Dictionary<string, object?> Framework(string code = "math-fractions", string method = "mostRecent") => new()
    {
        ["code"] = code,
        ["title"] = "Fractions",
        ["scale"] = Scale(),
        ["policy"] = new { method, parameters = new Dictionary<string, decimal>(), minEvidence = 1, minModalities = 1, countSelfAssessment = false },
        ["competencies"] = new object[]
        {
            new { code = "NF", statement = "Fractions", kind = "domain" },
            new { code = "A", statement = "Unit fractions", kind = "competency", parentCode = "NF" },
            new { code = "B", statement = "Equivalent fractions", kind = "competency", parentCode = "NF" },
            new { code = "C", statement = "Add fractions", kind = "competency", parentCode = "NF" },
            new { code = "D", statement = "Multiply fractions", kind = "competency", parentCode = "NF" },
            new { code = "B.X", statement = "Equivalent fractions in the real world", kind = "subSkill", parentCode = "B" },
        },
        ["prerequisites"] = new object[]
        {
            new { competencyCode = "B", requiresCode = "A" },
            new { competencyCode = "C", requiresCode = "B" },
            new { competencyCode = "D", requiresCode = "C" },
        },
        ["progressions"] = new object[] { new { code = "fractions", title = "Fractions", steps = new[] { "A", "B", "C", "D" } } },
        ["extensions"] = new object[] { new { competencyCode = "B", deeperCode = "B.X" } },
    };
}
