using LeapMastery.Api.Tests.Foundation;
using NJsonSchema;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>
/// 1EdTech's JSON Schemas kept as test data (each folder's SOURCE.md says where from), loaded once. They are written in
/// draft 2019-09, whose <c>$defs</c> NJsonSchema reads under the draft-07 name <c>definitions</c>; only that keyword is
/// renamed, nothing else.
/// </summary>
public static class OneEdTechSchemas
{
    public static readonly Lazy<Task<JsonSchema>> AchievementCredential = new(() => LoadAsync("OpenBadges/achievementcredential.schema.json"));
    public static readonly Lazy<Task<JsonSchema>> ClrCredential = new(() => LoadAsync("Clr/clrcredential.schema.json"));

    private static async Task<JsonSchema> LoadAsync(string file)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(OpenApiContractTests.RepoRoot(), "tests/LeapMastery.Api.Tests/Data", file));
        return await JsonSchema.FromJsonAsync(text.Replace("\"$defs\"", "\"definitions\"").Replace("#/$defs/", "#/definitions/"));
    }
}
