using FluentValidation;
using NodaTime;
using NodaTime.Text;

namespace LeapMastery.Api.Infrastructure.Tenancy;

/// <summary>
/// An <c>asOf</c> query value: an instant (<c>2026-03-01T14:30:00Z</c>) or a local date (<c>2026-03-01</c>), meaning the
/// end of that day in the tenant's time zone.
/// </summary>
public static class AsOf
{
    public static bool IsValid(string? value) => value is null || TryParse(value, DateTimeZone.Utc, out _);

    public static bool TryParse(string value, DateTimeZone zone, out Instant instant)
    {
        var asInstant = InstantPattern.ExtendedIso.Parse(value);
        if (asInstant.Success)
        {
            instant = asInstant.Value;
            return true;
        }
        var asDate = LocalDatePattern.Iso.Parse(value);
        if (asDate.Success)
        {
            // The last tick of that day there: everything recorded before the next day began.
            instant = asDate.Value.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() - Duration.Epsilon;
            return true;
        }
        instant = default;
        return false;
    }
}

public static class AsOfRules
{
    public static IRuleBuilderOptions<T, string?> MustBeAsOf<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(AsOf.IsValid).WithMessage("An ISO-8601 instant (2026-03-01T14:30:00Z) or a date (2026-03-01).");
}
