namespace LeapMastery.Domain.Mastery;

/// <summary>
/// How a competency's counted evidence becomes a score and when that score is mastery (MASTERY §3–4).
/// <see cref="Parameters"/> holds what the district set; <see cref="EffectiveParameters"/> adds each method's defaults.
/// </summary>
public sealed record CalculationPolicy(
    CalculationMethod Method,
    IReadOnlyDictionary<string, decimal> Parameters,
    int MinEvidence = 1,
    int MinModalities = 1,
    bool CountSelfAssessment = false,
    int? RecencyWindowDays = null,
    int? MasteryValidForDays = null)
{
    /// <summary>The longest window or validity period a policy may set (about a hundred years).</summary>
    public const int MaxDays = 36_500;

    /// <summary>Whether the answer depends on the moment it is asked for, not only on what was recorded (docs/mastery.md §10).</summary>
    public bool DependsOnTime => RecencyWindowDays is not null || MasteryValidForDays is not null;

    private static readonly IReadOnlyDictionary<string, decimal> NoParameters = new Dictionary<string, decimal>();

    /// <summary>The framework default when a district sets nothing: decayingAverage with w = 0.65.</summary>
    public static CalculationPolicy Default { get; } =
        new(CalculationMethod.DecayingAverage, new Dictionary<string, decimal> { [CalculationMethods.W] = 0.65m });

    /// <summary>A policy for a method with its default parameters and mastery rules.</summary>
    public static CalculationPolicy For(CalculationMethod method) => new(method, NoParameters);

    /// <summary>A policy for a method with some parameters set, e.g. <c>For(RecentAverage, ("k", 4))</c>.</summary>
    public static CalculationPolicy For(CalculationMethod method, params (string Name, decimal Value)[] parameters) =>
        new(method, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    /// <summary>The method's defaults overlaid with the parameters given; only the method's own parameter names.</summary>
    public IReadOnlyDictionary<string, decimal> EffectiveParameters
    {
        get
        {
            var effective = new Dictionary<string, decimal>(CalculationMethods.DefaultParameters(Method), StringComparer.Ordinal);
            foreach (var (name, value) in Parameters)
                if (effective.ContainsKey(name))
                    effective[name] = value;
            return effective;
        }
    }

    /// <summary>A parameter of the method (its default when not set).</summary>
    /// <exception cref="InvalidOperationException">The method has no such parameter.</exception>
    public decimal Parameter(string name) =>
        EffectiveParameters.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException(
                $"Method {CalculationMethods.ToWireName(Method)} has no parameter '{name}'.");

    // Records compare collections by reference; two policies written alike must be equal, e.g. to tell a real change.
    public bool Equals(CalculationPolicy? other) =>
        other is not null
        && Method == other.Method
        && MinEvidence == other.MinEvidence
        && MinModalities == other.MinModalities
        && CountSelfAssessment == other.CountSelfAssessment
        && RecencyWindowDays == other.RecencyWindowDays
        && MasteryValidForDays == other.MasteryValidForDays
        && Parameters.Count == other.Parameters.Count
        && Parameters.All(kv => other.Parameters.TryGetValue(kv.Key, out var value) && value == kv.Value);

    public override int GetHashCode() => HashCode.Combine(Method, MinEvidence, MinModalities, CountSelfAssessment, Parameters.Count);

    public static IReadOnlyList<DomainError> Validate(CalculationPolicy policy, string fieldPrefix)
    {
        var errors = new List<DomainError>();
        var p = fieldPrefix;
        var method = CalculationMethods.ToWireName(policy.Method);
        var accepted = CalculationMethods.DefaultParameters(policy.Method);

        foreach (var (name, value) in policy.Parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var field = $"{p}.parameters.{name}";
            if (!accepted.ContainsKey(name))
            {
                var expected = accepted.Count == 0 ? "none" : string.Join(", ", accepted.Keys);
                errors.Add(new(field, $"Method {method} has no parameter '{name}' (accepted: {expected})."));
            }
            else if (name == CalculationMethods.W && (value <= 0m || value >= 1m))
                errors.Add(new(field, "w must lie strictly between 0 and 1."));
            else if (name is CalculationMethods.K or CalculationMethods.N
                     && (value < 1m || value > int.MaxValue || value != decimal.Truncate(value)))
                errors.Add(new(field, $"{name} must be a whole number of at least 1."));
        }

        if (policy.MinEvidence < 1)
            errors.Add(new($"{p}.minEvidence", "minEvidence must be at least 1."));
        if (policy.MinModalities < 1)
            errors.Add(new($"{p}.minModalities", "minModalities must be at least 1."));
        if (policy.RecencyWindowDays is < 1 or > MaxDays)
            errors.Add(new($"{p}.recencyWindowDays", $"recencyWindowDays must be a whole number of days from 1 to {MaxDays}."));
        if (policy.MasteryValidForDays is < 1 or > MaxDays)
            errors.Add(new($"{p}.masteryValidForDays", $"masteryValidForDays must be a whole number of days from 1 to {MaxDays}."));

        return errors;
    }
}
