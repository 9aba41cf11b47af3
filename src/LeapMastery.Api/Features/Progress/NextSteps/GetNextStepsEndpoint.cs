using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;

namespace LeapMastery.Api.Features.Progress.NextSteps;

public sealed class NextStepsRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>Only this framework; omit for all.</summary>
    [QueryParam] public Guid? FrameworkId { get; set; }
}

public sealed class NextStepsValidator : Validator<NextStepsRequest>
{
    public NextStepsValidator() => RuleFor(x => x.LearnerId).MustBeLearnerId();
}

public sealed class NextStep
{
    public Guid FrameworkId { get; set; }
    public Guid CompetencyId { get; set; }
    public string Code { get; set; } = "";
    public string Statement { get; set; } = "";
    /// <summary>Progressions whose current step this is.</summary>
    public List<string> CurrentStepOf { get; set; } = [];
    /// <summary>What it takes to master it under the policy in force (absent when it is mastered already).</summary>
    public WhatItTakesResponse? WhatItTakes { get; set; }
}

public sealed class NextStepsResponse
{
    public string LearnerId { get; set; } = "";
    /// <summary>Competencies not yet mastered whose prerequisites are all mastered or placed; each progression's current step first.</summary>
    public List<NextStep> Advance { get; set; } = [];
    /// <summary>Extensions of competencies the learner has mastered, to go deeper.</summary>
    public List<NextStep> GoDeeper { get; set; } = [];
}

public sealed class GetNextStepsEndpoint(LearnerProgressReader reader) : Endpoint<NextStepsRequest, NextStepsResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/next-steps");
        Scopes(ApiScopes.ProgressRead);
        Description(d => d.WithTags("Progress"));
        Summary(s =>
        {
            s.Summary = "What a learner can do next (LD.3): advance, or go deeper";
            s.Description = "Any learner may be at any step: nothing here depends on grade level, enrolment dates or time spent.";
        });
    }

    public override async Task HandleAsync(NextStepsRequest req, CancellationToken ct)
    {
        var progress = await reader.ReadAsync(req.LearnerId, req.FrameworkId, null, ct);
        var response = new NextStepsResponse { LearnerId = req.LearnerId };
        foreach (var framework in progress.Frameworks)
        {
            var next = framework.NextSteps();
            NextStep Describe(Guid id)
            {
                var c = framework.Framework.Find(id)!;
                return new NextStep
                {
                    FrameworkId = framework.FrameworkId, CompetencyId = id, Code = c.Code, Statement = c.Statement,
                    CurrentStepOf = framework.Progressions.Where(p => p.Position.CurrentCompetency == id).Select(p => p.Progression.Code).ToList(),
                    WhatItTakes = framework.Find(id) is { } progress ? WhatItTakesResponse.From(framework, progress) : null,
                };
            }
            response.Advance.AddRange(next.Advance.Select(Describe));
            response.GoDeeper.AddRange(next.GoDeeper.Select(Describe));
        }
        await Send.OkAsync(response, ct);
    }
}
