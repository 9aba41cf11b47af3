namespace LeapMastery.Api.Features.Settings;

public sealed class TenantSettings
{
    public string Name { get; set; } = "";
    /// <summary>IANA time zone id; dates such as <c>asOf=2026-03-01</c> and reporting periods are read in it.</summary>
    public string TimeZone { get; set; } = "UTC";
}
