using NodaTime;

namespace LeapMastery.Api.Infrastructure.Tenancy;

public static class TimeZones
{
    public static bool IsKnown(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;
}
