using System.Text.Json;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>Reads a tenant's whole change feed from cursor 0, page by page, as a SIS would.</summary>
public static class ChangeFeedReader
{
    /// <param name="query">More query parameters, e.g. <c>&amp;types=masteryReached</c>.</param>
    public static async Task<List<JsonElement>> ReadAllAsync(HttpClient http, string query = "", int limit = 500)
    {
        var items = new List<JsonElement>();
        var after = "0";
        for (var more = true; more;)
        {
            var page = await (await http.GetAsync($"/v1/changes?after={after}&limit={limit}{query}")).ShouldBeOkJsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            after = page.GetProperty("nextCursor").GetString()!;
            more = page.GetProperty("hasMore").GetBoolean();
        }
        return items;
    }
}
