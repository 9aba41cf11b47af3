using NodaTime;

namespace LeapMastery.Domain.Frameworks;

/// <summary>A framework as its stream leaves it: its id, its current version and that version's definition.</summary>
public sealed record FrameworkState(Guid Id, int Version, FrameworkDefinition Definition)
{
    public static FrameworkState? Evolve(FrameworkState? state, object @event) => @event switch
    {
        FrameworkCreated e => new FrameworkState(e.FrameworkId, 1, e.Definition),
        FrameworkRevised e when state is not null => state with { Version = e.Version, Definition = e.Definition },
        _ => state,
    };

    public static FrameworkState? From(IEnumerable<object> events) => events.Aggregate((FrameworkState?)null, Evolve);
}

/// <summary>A new framework, with a code the tenant has not used (<paramref name="CodeTaken"/>: another framework holds it).</summary>
public sealed record CreateFramework(Guid FrameworkId, FrameworkDefinition Definition, bool CodeTaken, Instant Now, string By);

/// <summary>The next version of a framework; <paramref name="CodeTaken"/>: another framework holds the new code.</summary>
public sealed record ReviseFramework(Guid FrameworkId, FrameworkDefinition Definition, bool CodeTaken, Instant Now, string By);

/// <summary>
/// A CASE package mapped to a definition: a new framework when no framework of the tenant has its CFDocument identifier,
/// else the framework's next version. <paramref name="CodeTaken"/>: another framework holds the code.
/// </summary>
public sealed record ImportFramework(Guid NewFrameworkId, FrameworkDefinition Definition, bool CodeTaken, Instant Now, string By);

/// <summary>Creating, revising and importing frameworks: every version follows the framework rules, and codes are unique in the tenant.</summary>
public static class FrameworkDecisions
{
    public static Decision Create(CreateFramework c)
    {
        if (Refused(c.Definition, c.CodeTaken) is { } refused) return refused;
        return Decision.Append(new FrameworkCreated(c.FrameworkId, c.Definition, c.Now, c.By));
    }

    /// <summary>A revision replaces the whole definition with the next version; the code may change to one no other framework holds.</summary>
    public static Decision Revise(ReviseFramework c, FrameworkState? state)
    {
        if (state is null) return NotFound(c.FrameworkId);
        if (Refused(c.Definition, c.CodeTaken && c.Definition.Code != state.Definition.Code) is { } refused) return refused;
        return Decision.Append(new FrameworkRevised(state.Id, state.Version + 1, c.Definition, c.Now, c.By));
    }

    /// <summary>
    /// An import is idempotent: the same package again changes nothing; a package last changed before the imported one is
    /// refused (an older export must not undo a newer one); anything else is the next version.
    /// </summary>
    public static Decision Import(ImportFramework c, FrameworkState? state)
    {
        if (state is null)
            return Refused(c.Definition, c.CodeTaken, "; pass another code") ?? Decision.Append(new FrameworkCreated(c.NewFrameworkId, c.Definition, c.Now, c.By));
        if (c.Definition.CaseLastChange < state.Definition.CaseLastChange)
            return Decision.Conflict("package", $"This package was last changed {c.Definition.CaseLastChange}, before the imported one ({state.Definition.CaseLastChange}); nothing was changed.");
        if (c.Definition == state.Definition) return Decision.Unchanged;
        return Revise(new ReviseFramework(state.Id, c.Definition, c.CodeTaken, c.Now, c.By), state);
    }

    /// <summary>There is no such framework to revise.</summary>
    public static Decision NotFound(Guid frameworkId) => Decision.NotFound("frameworkId", $"No framework {frameworkId} in this tenant.");

    private static Decision? Refused(FrameworkDefinition definition, bool codeTaken, string hint = "")
    {
        var errors = FrameworkRules.Validate(definition);
        if (errors.Count > 0) return Decision.Invalid(errors);
        return codeTaken ? Decision.Conflict("code", $"A framework with code '{definition.Code}' already exists{hint}.") : null;
    }
}
