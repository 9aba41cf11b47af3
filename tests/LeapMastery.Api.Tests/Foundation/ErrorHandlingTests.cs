using System.Net;
using System.Net.Http.Json;
using System.Text;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Foundation;

public sealed class ErrorHandlingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_invalid_body_gets_400_with_field_errors_and_writes_nothing()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var response = await http.PostAsJsonAsync("/v1/frameworks", new { code = "bad code!", title = "", competencies = Array.Empty<object>() });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(["code", "title", "scale", "policy", "competencies"]);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var response = await http.PostAsync("/v1/frameworks", new StringContent("{\"code\": ", Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Fact]
    public async Task A_number_where_an_enum_string_belongs_is_rejected()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var body = Samples.Framework();
        body["competencies"] = new object[] { new { code = "A", statement = "x", kind = 7 } };
        await (await http.PostAsJsonAsync("/v1/frameworks", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_route_gets_404_problem_details()
    {
        using var http = api.CreateClient();
        await (await http.GetAsync("/v1/no-such-thing")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var response = await http.PostAsync("/v1/frameworks", new StringContent("code=x", Encoding.UTF8, "text/plain"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var huge = new string('x', (int)LeapMasteryApp.MaxRequestBodyBytes + 1024);
        var response = await http.PostAsync("/v1/frameworks", new StringContent($"{{\"code\":\"{huge}\"}}", Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_method_gets_405_problem_details()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        await (await http.PatchAsync("/v1/frameworks", new StringContent("{}", Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
