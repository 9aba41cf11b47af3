using System.Diagnostics;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Interop.Case;
using static LeapMastery.Interop.Tests.Case.CasePackageBuilder;

namespace LeapMastery.Interop.Tests.Case;

/// <summary>A state-sized package: 3 grades × 10 clusters × 15 standards, each standard preceding the next.</summary>
public sealed class GeneratedPackageTests
{
    private const int Grades = 3, Clusters = 10, Standards = 15;
    private const int ItemCount = Grades + Grades * Clusters + Grades * Clusters * Standards; // 483

    private static CasePackageBuilder Generate()
    {
        var builder = new CasePackageBuilder("Generated Mathematics K-2");
        var n = 0;
        // Written in reverse, with sequence numbers, so that only the mapping can put them in order.
        for (var g = Grades; g >= 1; g--)
        {
            var grade = Id(++n);
            builder.Item(grade, $"G{g}", itemType: "Grade").ChildOf(grade, DocumentId, g);
            for (var c = Clusters; c >= 1; c--)
            {
                var cluster = Id(++n);
                builder.Item(cluster, $"G{g}.C{c}", itemType: "Cluster").ChildOf(cluster, grade, c);
                string? next = null;
                for (var s = Standards; s >= 1; s--)
                {
                    var standard = Id(++n);
                    builder.Item(standard, $"G{g}.C{c}.{s}", itemType: "Standard").ChildOf(standard, cluster, s);
                    if (next is not null)
                        builder.Precedes(standard, next);
                    next = standard;
                }
            }
        }
        return builder;
    }

    [Fact]
    public void Several_hundred_items_map_and_validate_quickly()
    {
        var json = Generate().Build();

        var clock = Stopwatch.StartNew();
        var package = CaseTestData.ReadSuccessfully(json);
        var definition = CaseTestData.Valid(CaseTestData.FirstImport(package));
        clock.Stop();

        definition.Competencies.Should().HaveCount(ItemCount);
        definition.Prerequisites.Should().HaveCount(Grades * Clusters * (Standards - 1));
        package.Links.Should().BeEmpty();
        // Milliseconds in practice; the bound is loose because test machines are shared.
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void A_generated_package_comes_out_as_an_outline_in_sequence_order()
    {
        var package = CaseTestData.ReadSuccessfully(Generate().Build());
        var codes = package.Competencies.Select(c => c.Code).ToList();

        codes.Take(4).Should().Equal("G1", "G1.C1", "G1.C1.1", "G1.C1.2");
        codes.IndexOf("G1.C1.15").Should().Be(16);
        codes.IndexOf("G1.C2").Should().Be(17);
        codes.IndexOf("G2").Should().Be(1 + Clusters * (1 + Standards));
        codes[^1].Should().Be("G3.C10.15");
    }

    [Fact]
    public void A_generated_package_has_domains_strands_and_competencies_by_depth()
    {
        var package = CaseTestData.ReadSuccessfully(Generate().Build());
        package.Competencies.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<CompetencyKind, int>
            {
                [CompetencyKind.Domain] = Grades,
                [CompetencyKind.Strand] = Grades * Clusters,
                [CompetencyKind.Competency] = Grades * Clusters * Standards,
            });
        package.Prerequisites.Should().Contain(new PrerequisiteLink("G2.C3.8", "G2.C3.7"));
    }
}
