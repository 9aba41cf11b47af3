namespace LeapMastery.Domain;

/// <summary>Why a command was refused, which decides how the API answers it.</summary>
public enum RefusalKind
{
    /// <summary>The command breaks a rule of input (400, with field errors).</summary>
    Invalid,

    /// <summary>The command names something the learner does not have (404).</summary>
    NotFound,

    /// <summary>The command is well formed but the learner's state does not allow it (409).</summary>
    Conflict,
}

/// <summary>A refused command: its kind and the errors, each naming the field (a camelCase path into the request) that caused it.</summary>
public sealed record Refusal(RefusalKind Kind, IReadOnlyList<DomainError> Errors)
{
    /// <summary>The errors' messages as one sentence or more, for an answer that carries a single detail.</summary>
    public string Message => string.Join(" ", Errors.Select(e => e.Message));
}

/// <summary>
/// What a domain decision concluded: the events to append, none (an idempotent repeat, or nothing to change), or a
/// <see cref="Refusal"/>. Every decision about a learner's stream answers with this one type, so the writer and the
/// endpoints treat them all alike.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, Refusal? Refusal = null)
{
    /// <summary>Nothing to append: the command repeats one already recorded, or changes nothing.</summary>
    public static Decision Unchanged { get; } = new([]);

    public static Decision Append(params object[] events) => new(events);

    public static Decision Invalid(string field, string message) => Invalid([new DomainError(field, message)]);

    public static Decision Invalid(IReadOnlyList<DomainError> errors) => new([], new Refusal(RefusalKind.Invalid, errors));

    public static Decision NotFound(string field, string message) => new([], new Refusal(RefusalKind.NotFound, [new DomainError(field, message)]));

    public static Decision Conflict(string field, string message) => new([], new Refusal(RefusalKind.Conflict, [new DomainError(field, message)]));

    public bool IsRefused => Refusal is not null;

    /// <summary>The first appended event of type <typeparamref name="T"/>, if any.</summary>
    public T? First<T>() where T : class => Events.OfType<T>().FirstOrDefault();
}
