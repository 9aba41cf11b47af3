using System.Text.Json;
using System.Text.Json.Serialization;
using LeapMastery.Domain.Recognitions;

namespace LeapMastery.Api.Infrastructure.Json;

/// <summary>
/// Stores the domain's closed criterion hierarchy in the shape recognitions have always been stored in: one object with a
/// <c>kind</c> (the enum's name) and the fields of that kind (<c>children</c>, <c>n</c>, <c>competencyId</c>, <c>levelCode</c>,
/// <c>frameworkId</c>, <c>progressionCode</c>, <c>step</c>). Reading matches names and kinds case-insensitively and in any
/// order, so every stored definition reads back (also with the nulls earlier releases wrote); a field a stored node lacks
/// reads as the former evaluator read it (n and step as 1) or as a value no rule accepts. Only a node that is not an object
/// or has no known kind is a JsonException.
/// </summary>
public sealed class CriterionJsonConverter : JsonConverter<Criterion>
{
    public override Criterion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Read(document.RootElement);
    }

    private static Criterion Read(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object) throw new JsonException("A criterion is a JSON object.");
        JsonElement? Field(string name) =>
            node.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value)
                .FirstOrDefault(v => v is { ValueKind: not JsonValueKind.Null });
        var kindText = Field("kind") is { ValueKind: JsonValueKind.String } k ? k.GetString() : null;
        if (!Enum.TryParse<CriterionKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            throw new JsonException($"Unknown criterion kind '{kindText}'.");
        List<Criterion> Children() => Field("children") is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(Read).ToList() : [];
        Guid Id(string name) => Field(name) is { ValueKind: JsonValueKind.String } v && v.TryGetGuid(out var g) ? g : Guid.Empty;
        int Int(string name, int missing) => Field(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : missing;
        string Text(string name) => Field(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : "";
        return kind switch
        {
            CriterionKind.AllOf => new AllOfCriterion(Children()),
            CriterionKind.NOf => new NOfCriterion(Int("n", missing: 1), Children()),   // the former evaluator read a missing n as 1
            CriterionKind.CompetencyMastered => new CompetencyMasteredCriterion(Id("competencyId")),
            CriterionKind.MinLevel => new MinLevelCriterion(Id("competencyId"), Text("levelCode")),
            _ => new ProgressionStepCriterion(Id("frameworkId"), Text("progressionCode"), Int("step", missing: 1)),   // and a missing step as 1
        };
    }

    public override void Write(Utf8JsonWriter writer, Criterion value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind.ToString());
        switch (value)
        {
            case AllOfCriterion all:
                WriteChildren(writer, all.Children, options);
                break;
            case NOfCriterion some:
                WriteChildren(writer, some.Children, options);
                writer.WriteNumber("n", some.N);
                break;
            case CompetencyMasteredCriterion mastered:
                writer.WriteString("competencyId", mastered.Competency);
                break;
            case MinLevelCriterion min:
                writer.WriteString("competencyId", min.Competency);
                writer.WriteString("levelCode", min.LevelCode);
                break;
            case ProgressionStepCriterion step:
                writer.WriteString("frameworkId", step.FrameworkId);
                writer.WriteString("progressionCode", step.ProgressionCode);
                writer.WriteNumber("step", step.Step);
                break;
        }
        writer.WriteEndObject();
    }

    private void WriteChildren(Utf8JsonWriter writer, IReadOnlyList<Criterion> children, JsonSerializerOptions options)
    {
        writer.WriteStartArray("children");
        foreach (var child in children) Write(writer, child, options);
        writer.WriteEndArray();
    }
}
