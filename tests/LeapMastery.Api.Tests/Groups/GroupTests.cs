using System.Net;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Groups;

public sealed class GroupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_SIS_sets_the_full_member_list_and_a_repeat_changes_nothing()
    {
        var tenant = await api.NewTenantAsync();
        using var sis = await tenant.WithScopesAsync("roster:write", "progress:read");
        var first = await (await sis.PutAsJsonAsync("/v1/groups/sec-101/members", new { kind = "section", title = "Math 5, period 2", members = new[] { "s-3", "s-1", "s-2", "s-1" } }))
            .ShouldBeOkJsonAsync();
        first.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Should().Equal("s-1", "s-2", "s-3");
        var repeat = await (await sis.PutAsJsonAsync("/v1/groups/sec-101/members", new { kind = "section", title = "Math 5, period 2", members = new[] { "s-1", "s-2", "s-3" } }))
            .ShouldBeOkJsonAsync();
        repeat.GetProperty("updatedAt").GetString().Should().Be(first.GetProperty("updatedAt").GetString());

        var replaced = await (await sis.PutAsJsonAsync("/v1/groups/sec-101/members", new { kind = "section", title = "Math 5, period 2", members = new[] { "s-2", "s-4" } }))
            .ShouldBeOkJsonAsync();
        replaced.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Should().Equal("s-2", "s-4");
        var read = await (await sis.GetAsync("/v1/groups/sec-101")).ShouldBeOkJsonAsync();
        read.GetProperty("members").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Bad_member_ids_are_rejected_and_other_tenants_cannot_see_the_group()
    {
        var tenant = await api.NewTenantAsync();
        using var sis = await tenant.AdminAsync();
        var problem = await (await sis.PutAsJsonAsync("/v1/groups/sec-1/members", new { members = new[] { "ok", "not ok/" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(f => f.StartsWith("members"));
        (await sis.PutAsJsonAsync("/v1/groups/sec-1/members", new { members = new[] { "a" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        var other = await api.NewTenantAsync();
        using var otherHttp = await other.AdminAsync();
        await (await otherHttp.GetAsync("/v1/groups/sec-1")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
