using LeapMastery.Domain.Recognitions;
using Marten.Events.Aggregation;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions;

public sealed class RecognitionDocument
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public RecognitionDefinition Definition { get; set; } = null!;
    public Instant DefinedAt { get; set; }
}

public sealed class RecognitionProjection : SingleStreamProjection<RecognitionDocument, Guid>
{
    public static RecognitionDocument Create(RecognitionDefined e) =>
        new() { Id = e.RecognitionId, Code = e.Definition.Code, Definition = e.Definition, DefinedAt = e.DefinedAt };
}
