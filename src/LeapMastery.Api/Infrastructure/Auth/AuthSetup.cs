using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace LeapMastery.Api.Infrastructure.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddLeapAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (System.Text.Encoding.UTF8.GetByteCount(options.SigningKey) < 32)
            throw new InvalidOperationException("Auth:SigningKey must be set to at least 32 bytes (LEAPMASTERY_Auth__SigningKey).");
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ClientRevocations>();
        services.AddSingleton<SecretsAtRest>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = TokenIssuer.SigningKey(options),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ClaimNames.ClientId,
                };
                o.Events = new JwtBearerEvents
                {
                    // A tenant client's token counts only while the client is not revoked (the operator lives in configuration).
                    OnTokenValidated = async context =>
                    {
                        var principal = context.Principal;
                        if (principal?.FindFirst(ClaimNames.Tenant) is null || principal.FindFirst(ClaimNames.ClientId)?.Value is not { } clientId) return;
                        var revocations = context.HttpContext.RequestServices.GetRequiredService<ClientRevocations>();
                        if (await revocations.IsRevokedAsync(clientId, context.HttpContext.RequestAborted)) context.Fail("The client has been revoked.");
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }
}
