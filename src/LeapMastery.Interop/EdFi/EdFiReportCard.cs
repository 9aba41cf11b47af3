using System.Text.Json.Serialization;

namespace LeapMastery.Interop.EdFi;

// Ed-Fi Data Standard v5 resources, as the ODS/API's JSON names them (camelCase), as much of them as a proficiency-based
// report card fills. Optional members are left out when empty.

/// <summary>
/// A learner's report card for one grading period in the Ed-Fi shape: the <c>reportCards</c> resource, the
/// <c>studentCompetencyObjectives</c> it references (one per assessed competency, with its competency level), and the
/// learning-standard grades (<c>Grade.learningStandardGrades</c> items) a SIS places in the learner's section grade.
/// </summary>
public sealed record EdFiReportCard(
    string StudentUniqueId,
    EdFiGradingPeriodReference GradingPeriodReference,
    EdFiReportCardResource ReportCard,
    IReadOnlyList<EdFiStudentCompetencyObjective> StudentCompetencyObjectives,
    IReadOnlyList<EdFiLearningStandardGrade> LearningStandardGrades,
    IReadOnlyList<EdFiGrade> Grades);

/// <summary>
/// The graded values of an Ed-Fi <c>grades</c> resource for one framework with a grading scheme (its course or subject
/// grade from mastery): the SIS posts them with its own <c>studentSectionAssociationReference</c> and grading period, as
/// it does the learning-standard grades. <c>frameworkCode</c> is ours, to tell the SIS which course it is.
/// </summary>
public sealed record EdFiGrade(
    string FrameworkCode,
    string GradeTypeDescriptor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LetterGradeEarned,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? NumericGradeEarned,
    string DiagnosticStatement);

public sealed record EdFiStudentReference(string StudentUniqueId);

public sealed record EdFiEducationOrganizationReference(long EducationOrganizationId);

/// <summary>The grading period's key: Data Standard 5 names it (<c>gradingPeriodName</c>), Data Standard 4 numbers it (<c>periodSequence</c>).</summary>
public sealed record EdFiGradingPeriodReference(string GradingPeriodDescriptor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GradingPeriodName, long SchoolId, int SchoolYear,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PeriodSequence);

public sealed record EdFiCompetencyObjectiveReference(long EducationOrganizationId, string Objective, string ObjectiveGradeLevelDescriptor);

/// <summary>The key of a StudentCompetencyObjective, as a report card references it.</summary>
public sealed record EdFiStudentCompetencyObjectiveReference(
    string GradingPeriodDescriptor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GradingPeriodName, long GradingPeriodSchoolId, int GradingPeriodSchoolYear,
    long ObjectiveEducationOrganizationId, string Objective, string ObjectiveGradeLevelDescriptor, string StudentUniqueId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? GradingPeriodSequence);

public sealed record EdFiReportCardObjectiveEntry(EdFiStudentCompetencyObjectiveReference StudentCompetencyObjectiveReference);

public sealed record EdFiReportCardResource(
    EdFiStudentReference StudentReference,
    EdFiEducationOrganizationReference EducationOrganizationReference,
    EdFiGradingPeriodReference GradingPeriodReference,
    IReadOnlyList<EdFiReportCardObjectiveEntry> StudentCompetencyObjectives);

/// <summary>A learner's competency level on one objective (a competency) in the grading period; the diagnostic statement is the period's mastery feedback.</summary>
public sealed record EdFiStudentCompetencyObjective(
    EdFiStudentReference StudentReference,
    EdFiGradingPeriodReference GradingPeriodReference,
    EdFiCompetencyObjectiveReference ObjectiveCompetencyObjectiveReference,
    string CompetencyLevelDescriptor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DiagnosticStatement);

public sealed record EdFiLearningStandardReference(string LearningStandardId);

/// <summary>A grade on one learning standard (a competency): the level code as the letter grade, the score as the numeric grade.</summary>
public sealed record EdFiLearningStandardGrade(
    EdFiLearningStandardReference LearningStandardReference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LetterGradeEarned,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? NumericGradeEarned,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PerformanceBaseConversionDescriptor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DiagnosticStatement);
