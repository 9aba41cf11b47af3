namespace LeapMastery.Api.Features.Frameworks;

public static class FrameworkETag
{
    public static string For(FrameworkDocument doc) => $"\"v{doc.Version}\"";
}
