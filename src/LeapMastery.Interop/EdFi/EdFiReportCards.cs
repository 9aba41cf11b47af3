using LeapMastery.Domain;

namespace LeapMastery.Interop.EdFi;

/// <summary>Where a learner stood at the end of a reporting period, as much as the Ed-Fi shape needs of it.</summary>
public sealed record EdFiStanding(string StudentUniqueId, string PeriodCode, IReadOnlyList<EdFiFrameworkStanding> Frameworks);

/// <summary>One framework of the card: its code and its scale's level codes (to check the mapping covers them).</summary>
public sealed record EdFiFrameworkStanding(string FrameworkCode, IReadOnlyList<string> LevelCodes, IReadOnlyList<EdFiCompetencyStanding> Competencies);

/// <summary>A competency's standing: its level (null when not yet assessed), score and the period's mastery feedback.</summary>
public sealed record EdFiCompetencyStanding(string Code, string? CaseIdentifier, string? LevelCode, decimal? Score, string? Feedback);

/// <summary>
/// Maps a report card onto Ed-Fi by the district's <see cref="EdFiMapping"/>. Only frameworks the mapping lists go to the
/// state system; only assessed competencies (with a level) have an objective or a grade, since Ed-Fi requires a
/// competency level. A gap in the mapping (the period, or a level of a listed framework's scale) refuses the whole card,
/// naming the setting to add: a state load must not silently miss a learner's results.
/// </summary>
public static class EdFiReportCards
{
    /// <summary>Ed-Fi limits: a grading period name, an objective and a learning standard id are at most 60 characters, a letter grade 20, a diagnostic statement 1,024.</summary>
    public const int MaxGradingPeriodNameLength = 60, MaxObjectiveLength = 60, MaxLearningStandardIdLength = 60, MaxLetterGradeLength = 20, MaxDiagnosticLength = 1024;

    /// <summary>What is missing from the mapping for a period and the frameworks in force then (empty: the cards can be built).</summary>
    public static IReadOnlyList<DomainError> Gaps(EdFiMapping mapping, string periodCode, IEnumerable<EdFiFrameworkStanding> frameworks)
    {
        var errors = new List<DomainError>();
        if (mapping.PeriodFor(periodCode) is not { } period)
            errors.Add(new("gradingPeriods", $"The reporting period '{periodCode}' has no Ed-Fi grading period: add it to the Ed-Fi settings' gradingPeriods."));
        else if (period.NameOr(periodCode).Length > MaxGradingPeriodNameLength)
            errors.Add(new("gradingPeriods", $"The reporting period code '{periodCode}' is longer than Ed-Fi's {MaxGradingPeriodNameLength}-character grading period name: give the period a gradingPeriodName."));
        foreach (var framework in frameworks)
        {
            if (mapping.FrameworkFor(framework.FrameworkCode) is not { } mapped) continue;
            var index = mapping.Frameworks.ToList().IndexOf(mapped);
            var field = mapped.Levels is null ? "levels" : $"frameworks[{index}].levels";
            foreach (var level in framework.LevelCodes.Where(l => mapping.LevelFor(mapped, l) is null))
                errors.Add(new(field, $"The level '{level}' of framework '{framework.FrameworkCode}' has no Ed-Fi competency level: add it to the Ed-Fi settings' {field}."));
            foreach (var competency in framework.Competencies.Where(c => c.Code.Length > MaxObjectiveLength))
                errors.Add(new("frameworks", $"The competency code '{competency.Code}' of framework '{framework.FrameworkCode}' is longer than Ed-Fi's {MaxObjectiveLength}-character objective."));
        }
        return errors;
    }

    /// <summary>The card; call <see cref="Gaps"/> first (a level or period the mapping lacks throws here).</summary>
    public static EdFiReportCard Map(EdFiMapping mapping, EdFiStanding standing)
    {
        var period = mapping.PeriodFor(standing.PeriodCode) ?? throw new InvalidOperationException($"Period {standing.PeriodCode} is not mapped.");
        var periodName = period.NameOr(standing.PeriodCode);
        var periodReference = new EdFiGradingPeriodReference(period.GradingPeriodDescriptor, periodName, mapping.SchoolId, mapping.SchoolYear, period.PeriodSequence);
        var student = new EdFiStudentReference(standing.StudentUniqueId);
        var objectives = new List<EdFiStudentCompetencyObjective>();
        var grades = new List<EdFiLearningStandardGrade>();
        foreach (var framework in standing.Frameworks)
        {
            if (mapping.FrameworkFor(framework.FrameworkCode) is not { } mapped) continue;
            foreach (var competency in framework.Competencies)
            {
                if (competency.LevelCode is not { } levelCode) continue;
                var level = mapping.LevelFor(mapped, levelCode) ?? throw new InvalidOperationException($"Level {levelCode} is not mapped.");
                var diagnostic = competency.Feedback is { } f ? (f.Length > MaxDiagnosticLength ? f[..MaxDiagnosticLength] : f) : null;
                objectives.Add(new EdFiStudentCompetencyObjective(
                    student, periodReference,
                    new EdFiCompetencyObjectiveReference(mapping.SchoolId, competency.Code, mapped.ObjectiveGradeLevelDescriptor),
                    level.CompetencyLevelDescriptor, diagnostic));
                grades.Add(new EdFiLearningStandardGrade(
                    new EdFiLearningStandardReference(competency.CaseIdentifier is { Length: <= MaxLearningStandardIdLength } id ? id : competency.Code),
                    levelCode.Length <= MaxLetterGradeLength ? levelCode : null,
                    competency.Score,
                    level.PerformanceBaseConversionDescriptor,
                    diagnostic));
            }
        }
        var card = new EdFiReportCardResource(student, new EdFiEducationOrganizationReference(mapping.SchoolId), periodReference,
            objectives.Select(o => new EdFiReportCardObjectiveEntry(new EdFiStudentCompetencyObjectiveReference(
                period.GradingPeriodDescriptor, periodName, mapping.SchoolId, mapping.SchoolYear,
                o.ObjectiveCompetencyObjectiveReference.EducationOrganizationId, o.ObjectiveCompetencyObjectiveReference.Objective,
                o.ObjectiveCompetencyObjectiveReference.ObjectiveGradeLevelDescriptor, standing.StudentUniqueId, period.PeriodSequence))).ToList());
        return new EdFiReportCard(standing.StudentUniqueId, periodReference, card, objectives, grades);
    }
}
