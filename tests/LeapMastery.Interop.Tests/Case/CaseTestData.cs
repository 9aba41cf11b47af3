using System.Text.Json;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Interop.Case;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>The real exports under Data/, and the scale and policy a district would pick on import.</summary>
internal static class CaseTestData
{
    public const string WhatStandardsCouldBe = "opensalt-what-standards-could-be.json";
    public const string OrderingTestFramework = "opensalt-ordering-test-framework.json";

    public static JsonElement Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static CasePackage ReadSuccessfully(JsonElement package)
    {
        var result = CasePackageReader.Read(package);
        result.Errors.Should().BeEmpty();
        result.Succeeded.Should().BeTrue();
        return result.Package!;
    }

    public static ProficiencyScale Scale { get; } = new(0m, 4m, 2.5m,
    [
        new ProficiencyLevel("1", "Beginning", null, 0m),
        new ProficiencyLevel("2", "Developing", null, 1.5m),
        new ProficiencyLevel("3", "Proficient", null, 2.5m),
        new ProficiencyLevel("4", "Extending", null, 3.5m),
    ]);

    /// <summary>A definition with fresh ids for every competency (a first import).</summary>
    public static CaseDefinitionResult FirstImport(CasePackage package, string? code = null) =>
        CaseFrameworkMapping.ToDefinition(
            package, code ?? package.Document.SuggestedCode, Scale, CalculationPolicy.Default, _ => null, Guid.NewGuid);

    public static FrameworkDefinition Valid(CaseDefinitionResult result)
    {
        result.Errors.Should().BeEmpty();
        return result.Definition!;
    }
}
