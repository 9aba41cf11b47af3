using LeapMastery.Domain;

namespace LeapMastery.Interop.EdFi;

/// <summary>Where a learner stood at the end of a reporting period, as much as the Ed-Fi shape needs of it.</summary>
public sealed record EdFiStanding(string StudentUniqueId, string PeriodCode, IReadOnlyList<EdFiFrameworkStanding> Frameworks);

/// <summary>One framework of the card: its code, its scale's level codes (to check the mapping covers them) and, with a grading scheme, its grade.</summary>
public sealed record EdFiFrameworkStanding(string FrameworkCode, IReadOnlyList<string> LevelCodes, IReadOnlyList<EdFiCompetencyStanding> Competencies, EdFiFrameworkGrade? Grade = null);

/// <summary>A framework's grade from mastery: the grade (null when not graded), the mean of level ranks, and how it came out.</summary>
public sealed record EdFiFrameworkGrade(string? Grade, decimal? Mean, string Explanation);

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

    /// <summary>Ed-Fi limit: a <c>studentUniqueId</c> is at most 32 characters.</summary>
    public const int MaxStudentUniqueIdLength = 32;

    /// <summary>The Ed-Fi grade type of a grade for a grading period.</summary>
    public const string GradingPeriodGradeType = "uri://ed-fi.org/GradeTypeDescriptor#Grading Period";

    /// <summary>
    /// What is missing from the mapping for a period and the frameworks in force then, or what Ed-Fi could not hold (keys
    /// too long, two competencies with one key); empty: the cards can be built.
    /// </summary>
    public static IReadOnlyList<DomainError> Gaps(EdFiMapping mapping, string periodCode, IEnumerable<EdFiFrameworkStanding> frameworks)
    {
        var errors = new List<DomainError>();
        if (mapping.PeriodFor(periodCode) is not { } period)
            errors.Add(new("gradingPeriods", $"The reporting period '{periodCode}' has no Ed-Fi grading period: add it to the Ed-Fi settings' gradingPeriods."));
        else if (mapping.DataStandard == 5 && period.NameOr(periodCode).Length > MaxGradingPeriodNameLength)
            errors.Add(new("gradingPeriods", $"The reporting period code '{periodCode}' is longer than Ed-Fi's {MaxGradingPeriodNameLength}-character grading period name: give the period a gradingPeriodName."));
        var objectives = new Dictionary<(string Objective, string GradeLevel), string>();
        var standards = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var framework in frameworks)
        {
            if (mapping.FrameworkFor(framework.FrameworkCode) is not { } mapped) continue;
            var index = mapping.Frameworks.ToList().IndexOf(mapped);
            var field = mapped.Levels is null ? "levels" : $"frameworks[{index}].levels";
            foreach (var level in framework.LevelCodes.Where(l => mapping.LevelFor(mapped, l) is null))
                errors.Add(new(field, $"The level '{level}' of framework '{framework.FrameworkCode}' has no Ed-Fi competency level: add it to the Ed-Fi settings' {field}."));
            foreach (var competency in framework.Competencies)
            {
                var where = $"'{competency.Code}' of framework '{framework.FrameworkCode}'";
                if (competency.Code.Length > MaxObjectiveLength)
                    errors.Add(new($"frameworks[{index}]", $"The competency code {where} is longer than Ed-Fi's {MaxObjectiveLength}-character objective."));
                else if (!objectives.TryAdd((competency.Code, mapped.ObjectiveGradeLevelDescriptor), framework.FrameworkCode))
                    errors.Add(new($"frameworks[{index}]", $"The competency {where} has the same Ed-Fi objective key (code and grade level) as one of framework " +
                                                          $"'{objectives[(competency.Code, mapped.ObjectiveGradeLevelDescriptor)]}': give the frameworks different grade levels, or list one of them only."));
                var standard = LearningStandardId(competency);
                if (standard.Length > MaxLearningStandardIdLength)
                    errors.Add(new($"frameworks[{index}]", $"The learning standard id of {where} ('{standard}') is longer than Ed-Fi's {MaxLearningStandardIdLength} characters."));
                else if (!standards.TryAdd(standard, framework.FrameworkCode) && standards[standard] != framework.FrameworkCode)
                    errors.Add(new($"frameworks[{index}]", $"The competency {where} has the same learning standard id ('{standard}') as one of framework '{standards[standard]}': list one of them only."));
            }
        }
        return errors;
    }

    /// <summary>Learner ids Ed-Fi cannot hold as a <c>studentUniqueId</c> (longer than 32 characters): their cards are refused, by name.</summary>
    public static IReadOnlyList<DomainError> StudentGaps(IEnumerable<string> learnerIds, string field) =>
        learnerIds.Where(l => l.Length > MaxStudentUniqueIdLength)
            .Select(l => new DomainError(field, $"The learner id '{l}' is longer than Ed-Fi's {MaxStudentUniqueIdLength}-character studentUniqueId."))
            .ToList();

    /// <summary>The Ed-Fi learning standard a competency is: its CASE identifier when imported, else its code.</summary>
    public static string LearningStandardId(EdFiCompetencyStanding competency) => competency.CaseIdentifier ?? competency.Code;

    /// <summary>The card; call <see cref="Gaps"/> first (a level or period the mapping lacks throws here).</summary>
    public static EdFiReportCard Map(EdFiMapping mapping, EdFiStanding standing)
    {
        var period = mapping.PeriodFor(standing.PeriodCode) ?? throw new InvalidOperationException($"Period {standing.PeriodCode} is not mapped.");
        var periodName = period.NameOr(standing.PeriodCode);
        // Data Standard 5 keys a grading period by its name, Data Standard 4 by its sequence: each reference holds its standard's key only.
        var (name, sequence) = mapping.DataStandard == 4 ? ((string?)null, period.PeriodSequence) : (periodName, (int?)null);
        var periodReference = new EdFiGradingPeriodReference(period.GradingPeriodDescriptor, name, mapping.SchoolId, mapping.SchoolYear, sequence);
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
                    new EdFiLearningStandardReference(LearningStandardId(competency)),
                    levelCode.Length <= MaxLetterGradeLength ? levelCode : null,
                    competency.Score,
                    level.PerformanceBaseConversionDescriptor,
                    diagnostic));
            }
        }
        var frameworkGrades = standing.Frameworks
            .Where(f => mapping.FrameworkFor(f.FrameworkCode) is not null && f.Grade is { Grade: not null })
            .Select(f => new EdFiGrade(f.FrameworkCode, GradingPeriodGradeType,
                f.Grade!.Grade!.Length <= MaxLetterGradeLength ? f.Grade.Grade : null, f.Grade.Mean,
                f.Grade.Explanation.Length > MaxDiagnosticLength ? f.Grade.Explanation[..MaxDiagnosticLength] : f.Grade.Explanation))
            .ToList();
        var card = new EdFiReportCardResource(student, new EdFiEducationOrganizationReference(mapping.SchoolId), periodReference,
            objectives.Select(o => new EdFiReportCardObjectiveEntry(new EdFiStudentCompetencyObjectiveReference(
                period.GradingPeriodDescriptor, name, mapping.SchoolId, mapping.SchoolYear,
                o.ObjectiveCompetencyObjectiveReference.EducationOrganizationId, o.ObjectiveCompetencyObjectiveReference.Objective,
                o.ObjectiveCompetencyObjectiveReference.ObjectiveGradeLevelDescriptor, standing.StudentUniqueId, sequence))).ToList());
        return new EdFiReportCard(standing.StudentUniqueId, periodReference, card, objectives, grades, frameworkGrades);
    }
}
