using System.Net;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Foundation;

public sealed class TenancyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_single_database_install_keeps_every_tenant_in_main_and_refuses_any_other_database()
    {
        using var op = await api.OperatorAsync();
        var id = "single-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await op.PostAsJsonAsync("/v1/tenants", new { tenantId = id, name = "Single" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        created.GetProperty("tenant").GetProperty("database").GetString().Should().Be("main");
        (await (await op.GetAsync($"/v1/tenants/{id}")).ShouldBeOkJsonAsync()).GetProperty("database").GetString().Should().Be("main");
        var problem = await (await op.PostAsJsonAsync("/v1/tenants", new { tenantId = id + "-x", name = "Elsewhere", database = "east" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Equal("database");
        (await op.GetAsync($"/v1/tenants/{id}-x")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a refused tenant is not created");
    }

    [Fact]
    public async Task A_framework_of_tenant_A_is_invisible_to_tenant_B()
    {
        var a = await api.NewTenantAsync("a");
        var b = await api.NewTenantAsync("b");
        using var clientA = await a.AdminAsync();
        using var clientB = await b.AdminAsync();
        var created = await (await clientA.PostAsJsonAsync("/v1/frameworks", Samples.Framework("shared-code"))).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("frameworkId").GetGuid();

        await (await clientB.GetAsync($"/v1/frameworks/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var listB = await (await clientB.GetAsync("/v1/frameworks")).ShouldBeOkJsonAsync();
        listB.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Tenant_B_cannot_overwrite_tenant_A_framework_and_its_own_same_code_is_separate()
    {
        var a = await api.NewTenantAsync("a");
        var b = await api.NewTenantAsync("b");
        using var clientA = await a.AdminAsync();
        using var clientB = await b.AdminAsync();
        var created = await (await clientA.PostAsJsonAsync("/v1/frameworks", Samples.Framework("same-code"))).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("frameworkId").GetGuid();

        var overwrite = Samples.Framework("same-code");
        overwrite["title"] = "Overwritten by B";
        await (await clientB.PutAsJsonAsync($"/v1/frameworks/{id}", overwrite)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await clientB.PostAsJsonAsync("/v1/frameworks", overwrite)).StatusCode.Should().Be(HttpStatusCode.Created, "codes are unique per tenant, not across tenants");

        var stillA = await (await clientA.GetAsync($"/v1/frameworks/{id}")).ShouldBeOkJsonAsync();
        stillA.GetProperty("title").GetString().Should().Be("Fractions");
        stillA.GetProperty("version").GetInt32().Should().Be(1);
        (await api.EventCountAsync(a.TenantId)).Should().Be(1);
    }

    [Fact]
    public async Task Clients_of_another_tenant_are_invisible()
    {
        var a = await api.NewTenantAsync("a");
        var b = await api.NewTenantAsync("b");
        using var clientB = await b.AdminAsync();
        await (await clientB.GetAsync($"/v1/admin/clients/{a.AdminClientId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await clientB.DeleteAsync($"/v1/admin/clients/{a.AdminClientId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var list = await (await clientB.GetAsync("/v1/admin/clients")).ShouldBeOkJsonAsync();
        list.EnumerateArray().Select(c => c.GetProperty("clientId").GetString()).Should().Equal(b.AdminClientId);
    }

    [Fact]
    public async Task Settings_belong_to_the_caller_tenant()
    {
        var a = await api.NewTenantAsync("a");
        var b = await api.NewTenantAsync("b");
        using var clientA = await a.AdminAsync();
        using var clientB = await b.AdminAsync();
        (await clientA.PutAsJsonAsync("/v1/settings", new { name = "District A", timeZone = "Europe/Berlin" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var settingsB = await (await clientB.GetAsync("/v1/settings")).ShouldBeOkJsonAsync();
        settingsB.GetProperty("timeZone").GetString().Should().Be("America/Chicago");
        var settingsA = await (await clientA.GetAsync("/v1/settings")).ShouldBeOkJsonAsync();
        settingsA.GetProperty("timeZone").GetString().Should().Be("Europe/Berlin");
    }
}
