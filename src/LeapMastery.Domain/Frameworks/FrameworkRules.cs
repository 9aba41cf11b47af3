using LeapMastery.Domain.Mastery;

namespace LeapMastery.Domain.Frameworks;

/// <summary>Rules every framework version must satisfy; errors name the field in the request's camelCase path.</summary>
public static class FrameworkRules
{
    public static IReadOnlyList<DomainError> Validate(FrameworkDefinition framework)
    {
        var errors = new List<DomainError>();
        errors.AddRange(ProficiencyScale.Validate(framework.Scale));
        errors.AddRange(CalculationPolicy.Validate(framework.Policy, "policy"));
        if (framework.Grading is { } grading) errors.AddRange(GradingScheme.Validate(grading, framework.Scale));

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < framework.Competencies.Count; i++)
        {
            var c = framework.Competencies[i];
            if (!codes.Add(c.Code))
                errors.Add(new($"competencies[{i}].code", $"Code '{c.Code}' appears more than once in this framework."));
            if (c.Policy is not null)
                errors.AddRange(CalculationPolicy.Validate(c.Policy, $"competencies[{i}].policy"));
        }

        for (var i = 0; i < framework.Competencies.Count; i++)
        {
            var c = framework.Competencies[i];
            if (c.ParentCode is null) continue;
            if (!codes.Contains(c.ParentCode))
                errors.Add(new($"competencies[{i}].parentCode", $"Parent '{c.ParentCode}' is not a competency of this framework."));
            else if (c.ParentCode == c.Code)
                errors.Add(new($"competencies[{i}].parentCode", "A competency cannot be its own parent."));
        }
        var parentCycle = FindParentCycle(framework.Competencies);
        if (parentCycle is not null)
            errors.Add(new("competencies", $"The parent links form a cycle: {string.Join(" → ", parentCycle)}."));

        for (var i = 0; i < framework.Prerequisites.Count; i++)
        {
            var p = framework.Prerequisites[i];
            if (!codes.Contains(p.CompetencyCode))
                errors.Add(new($"prerequisites[{i}].competencyCode", $"'{p.CompetencyCode}' is not a competency of this framework."));
            if (!codes.Contains(p.RequiresCode))
                errors.Add(new($"prerequisites[{i}].requiresCode", $"'{p.RequiresCode}' is not a competency of this framework."));
            if (p.CompetencyCode == p.RequiresCode)
                errors.Add(new($"prerequisites[{i}]", $"'{p.CompetencyCode}' cannot require itself."));
        }
        var cycle = PrerequisiteGraph.FindCycle(framework.Prerequisites.Select(p => (p.CompetencyCode, p.RequiresCode)));
        if (cycle is not null)
            errors.Add(new("prerequisites", $"The prerequisites form a cycle: {string.Join(" → ", cycle)}."));

        var progressionCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < framework.Progressions.Count; i++)
        {
            var p = framework.Progressions[i];
            if (!progressionCodes.Add(p.Code))
                errors.Add(new($"progressions[{i}].code", $"Progression code '{p.Code}' appears more than once."));
            if (p.Steps.Count == 0)
                errors.Add(new($"progressions[{i}].steps", "A progression needs at least one step."));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var s = 0; s < p.Steps.Count; s++)
            {
                if (!codes.Contains(p.Steps[s]))
                    errors.Add(new($"progressions[{i}].steps[{s}]", $"'{p.Steps[s]}' is not a competency of this framework."));
                else if (!seen.Add(p.Steps[s]))
                    errors.Add(new($"progressions[{i}].steps[{s}]", $"'{p.Steps[s]}' appears twice in this progression."));
            }
        }

        for (var i = 0; i < framework.Extensions.Count; i++)
        {
            var e = framework.Extensions[i];
            if (!codes.Contains(e.CompetencyCode))
                errors.Add(new($"extensions[{i}].competencyCode", $"'{e.CompetencyCode}' is not a competency of this framework."));
            if (!codes.Contains(e.DeeperCode))
                errors.Add(new($"extensions[{i}].deeperCode", $"'{e.DeeperCode}' is not a competency of this framework."));
            if (e.CompetencyCode == e.DeeperCode)
                errors.Add(new($"extensions[{i}]", "A competency cannot extend itself."));
        }
        return errors;
    }

    private static List<string>? FindParentCycle(IReadOnlyList<CompetencyDefinition> competencies)
    {
        var edges = competencies.Where(c => c.ParentCode is not null && c.ParentCode != c.Code)
            .Select(c => (c.Code, c.ParentCode!));
        return PrerequisiteGraph.FindCycle(edges)?.ToList();
    }
}
