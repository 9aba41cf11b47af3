using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LeapMastery.Api.Infrastructure.Json;

/// <summary>
/// How every JSON request body is read: strictly, so that what the contract says is what the service accepts. A body
/// that is <c>null</c>, an unknown property, <c>null</c> where the type does not allow it (a property, or an item of a
/// list), a missing <c>required</c> property, or a string holding a NUL or an unpaired surrogate is a
/// <see cref="JsonException"/>, which FastEndpoints answers as a 400 naming the field. Responses keep
/// <see cref="JsonSetup"/>'s options: only reading is strict.
/// </summary>
public static class RequestJson
{
    public static JsonSerializerOptions CreateOptions()
    {
        var options = JsonSetup.CreateOptions();
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Insert(0, new StoredStringConverter());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RefuseNullItems } };
        return options;
    }

    /// <summary>
    /// Turns the serializer's refusal into a field error a client can act on: the field is the JSON path of the problem
    /// (for a missing required property, the property itself), and the message speaks of the contract, not of .NET types.
    /// </summary>
    public static FluentValidation.Results.ValidationFailure FieldError(JsonException exception)
    {
        var path = exception.Path is null or "$" ? "" : exception.Path.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path.TrimStart('$');
        var message = exception.Message;
        var missing = System.Text.RegularExpressions.Regex.Match(message, "missing required properties including: (.*)\\.?$");
        if (missing.Success)
        {
            var names = missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries).Select(n => n.Trim('\'', '.')).ToList();
            return new(Join(path, names[0]), $"Required: {string.Join(", ", names)}.");
        }
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return new(path, "Unknown property: the contract has no such field.");
        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal) || message.Contains("does not allow null values", StringComparison.Ordinal))
            return new(path, "Must not be null.");
        if (exception.InnerException is not null || message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return new(path.Length == 0 ? "body" : path, "The value has the wrong type or form for this field.");
        var line = message.IndexOf(" Path:", StringComparison.Ordinal);
        return new(path.Length == 0 ? "body" : path, line > 0 ? message[..line] : message);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Reads a request body (FastEndpoints' <c>RequestDeserializer</c>); <see cref="Http.ContentTypes"/> has already refused any charset but UTF-8.</summary>
    public static async ValueTask<object?> DeserializeAsync(HttpRequest request, Type type, JsonSerializerOptions options, CancellationToken ct)
    {
        var value = await JsonSerializer.DeserializeAsync(request.Body, type, options, ct);
        if (value is JsonElement element) CheckStandardPayload(element);
        return value ?? throw new JsonException("The body must be a JSON object, not null.");
    }

    /// <summary>
    /// A body read as a JSON tree (the standards' own shapes: OneRoster, LTI AGS, xAPI, CASE) must be an object or an
    /// array, and every string and name in it storable, as for typed bodies.
    /// </summary>
    private static void CheckStandardPayload(JsonElement body)
    {
        if (body.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            throw new JsonException($"The body must be a JSON object or array, not {body.ValueKind.ToString().ToLowerInvariant()}.");
        CheckStorable(body, "$");
    }

    /// <summary>Every string and name in <paramref name="tree"/> can be stored (no NUL, no unpaired surrogate), else a <see cref="JsonException"/> at its path.</summary>
    public static void CheckStorable(JsonElement tree, string root)
    {
        Walk(tree, root);

        static void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        var name = Storable(() => p.Name, path);
                        Walk(p.Value, $"{path}.{name}");
                    }
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]");
                    break;
                case JsonValueKind.String:
                    Storable(() => e.GetString()!, path);
                    break;
            }
        }

        static string Storable(Func<string> read, string path)
        {
            string text;
            try { text = read(); }
            catch (InvalidOperationException) { throw new JsonException("The string is not valid Unicode.", path, null, null); }
            try { return StoredStringConverter.Check(text); }
            catch (JsonException ex) { throw new JsonException(ex.Message, path, null, null); }
        }
    }

    /// <summary>
    /// A list the type declares as holding non-null items (<c>List&lt;Alignment&gt;</c>, not <c>List&lt;Alignment?&gt;</c>)
    /// refuses a <c>null</c> item, as <see cref="JsonSerializerOptions.RespectNullableAnnotations"/> does for properties.
    /// </summary>
    private static void RefuseNullItems(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var nullability = new NullabilityInfoContext();
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo member || property.Set is not { } set) continue;
            if (member.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(member.PropertyType)) continue;
            var state = nullability.Create(member);
            var item = state.ElementType ?? (state.GenericTypeArguments is [var only] ? only : null);
            if (item is null || item.Type.IsValueType || item.ReadState != NullabilityState.NotNull) continue;
            var name = property.Name;
            property.Set = (target, value) =>
            {
                if (value is IEnumerable items && items.Cast<object?>().Any(i => i is null))
                    throw new JsonException($"'{name}' must not contain null items.");
                set(target, value);
            };
        }
    }

    /// <summary>Strings as PostgreSQL can store them: no NUL character, no unpaired UTF-16 surrogate.</summary>
    private sealed class StoredStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, found {reader.TokenType}.");
            string text;
            try { text = reader.GetString()!; }
            catch (InvalidOperationException) { throw new JsonException("The string is not valid Unicode (an unpaired surrogate)."); }
            return Check(text);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Check(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        public static string Check(string text)
        {
            if (text.Contains('\0')) throw new JsonException("The string contains a NUL character (\\u0000), which cannot be stored.");
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(text[i])) throw new JsonException("The string is not valid Unicode (an unpaired surrogate).");
            }
            return text;
        }
    }
}
