using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Learners;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;

namespace LeapMastery.Api.Infrastructure.Marten;

public static class MartenSetup
{
    public const string SchemaName = "leap";

    public static IServiceCollection AddLeapMarten(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

        var tenancy = configuration.GetSection("Tenancy").Get<TenancyOptions>() ?? new TenancyOptions();
        tenancy.Validate();
        services.AddSingleton(tenancy);
        services.AddSingleton<TenantDatabases>();

        var marten = services.AddMarten(options => Configure(options, connectionString, tenancy))
            .UseLightweightSessions();

        // Exactly one node runs the async daemon (Solo: the lock library's HotCold mode fails on this stack; docs/operations.md).
        if (configuration.GetValue("Marten:RunDaemon", false))
            marten.AddAsyncDaemon(DaemonMode.Solo);

        return services;
    }

    public static void Configure(StoreOptions options, string connectionString, TenancyOptions? tenancy = null)
    {
        if (tenancy is { IsSharded: true })
        {
            // Tenants across PostgreSQL servers (docs/scale.md): Marten's sharded tenancy keeps a pool of databases and
            // which tenant lives in which in its registry tables in the platform database, which is itself the pool's
            // first member ("main", where the platform's own documents live). Within a database, tenants stay apart by
            // conjoined tenancy as in a single-database install, each in its own list partitions.
            options.MultiTenantedWithShardedDatabases(x =>
            {
                x.ConnectionString = connectionString;
                x.SchemaName = SchemaName + "_tenancy";
                x.PartitionSchemaName = SchemaName + "_partitions";
                x.ApplicationName = "LeapMastery";
                x.AddDatabase(TenancyOptions.PlatformDatabase, connectionString);
                foreach (var (id, database) in tenancy.Databases) x.AddDatabase(id, database);
                switch (tenancy.Placement)
                {
                    case TenantPlacement.Hash: x.UseHashAssignment(); break;
                    case TenantPlacement.Explicit: x.UseExplicitAssignment(); break;
                    default: x.UseSmallestDatabaseAssignment(); break;
                }
            });
        }
        else
        {
            options.Connection(connectionString);
        }
        options.DatabaseSchemaName = SchemaName;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            configure: j =>
            {
                j.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
                // Stored documents and events leave out nulls: a learner's record has hundreds of optional fields, and
                // writing each null made it a quarter larger, read and rewritten on every write. A missing member reads back as null.
                j.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
                // The closed criterion hierarchy, in the shape recognitions have always been stored in.
                j.Converters.Add(new Json.CriterionJsonConverter());
            });

        // One tenant per district, kept apart by Marten's conjoined tenancy in every event and document.
        options.Events.TenancyStyle = TenancyStyle.Conjoined;
        options.Policies.AllDocumentsAreMultiTenanted();
        options.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;

        // The platform's own documents: single-tenanted in a single-database install (as they always were); with several
        // databases they live in the platform database under a reserved tenant of their own (TenantDatabases.PlatformTenant),
        // since sharded tenancy partitions every document table by tenant.
        if (tenancy is { IsSharded: true })
        {
            options.Schema.For<TenantRecord>();
            // (Named apart from the index Marten keeps on the tenant_id column, which would otherwise have the same name.)
            options.Schema.For<ApiClient>().Index(x => x.TenantId, i => i.Name = "mt_doc_apiclient_idx_client_tenant");
            options.Schema.For<LeapMastery.Api.Features.Recognitions.Credential.IssuerKey>();
        }
        else
        {
            options.Schema.For<TenantRecord>().SingleTenanted();
            options.Schema.For<ApiClient>().SingleTenanted().Index(x => x.TenantId);
            options.Schema.For<LeapMastery.Api.Features.Recognitions.Credential.IssuerKey>().SingleTenanted();
        }

        // Inline: a client that created a framework reads it in its next request.
        options.Projections.Add<FrameworkProjection>(ProjectionLifecycle.Inline);
        // Learners (docs/learner-writes.md). Inline and small (no evidence in it): the learner-stream writer reads it under the
        // stream row lock, and a client that posted evidence reads its effect in the next request (read your writes).
        options.Projections.Add<LearnerSummaryProjection>(ProjectionLifecycle.Inline);
        // Stored by the learner-stream writer in the transaction of the write that changed them (read your writes).
        options.Schema.For<LearnerEvidence>()
            .Duplicate(x => x.LearnerStream)
            .UniqueIndex(global::Marten.Schema.UniqueIndexType.Computed, "uix_learner_evidence_source", global::Marten.Schema.Indexing.Unique.TenancyScope.PerTenant, x => x.LearnerStream, x => x.SourceKey!);
        options.Schema.For<LearnerCompetencyState>().Duplicate(x => x.LearnerStream).Duplicate(x => x.ChangesAfterUnixMs)
            .Metadata(m => m.TenantId.MapTo(x => x.TenantId));
        options.Schema.For<LeapMastery.Api.Features.Frameworks.Recomputations.Recomputation>().Index(x => x.FrameworkId);
        // Only the learner-stream writer appends to learner streams (the feed's horizon and the consequences rely on it).
        options.Listeners.Add(new LearnerStreamGuard());
        options.Projections.Add<LeapMastery.Api.Features.Assessments.AssessmentProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<LeapMastery.Api.Features.Recognitions.RecognitionProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<LeapMastery.Api.Features.Recognitions.RecognitionDocument>()
            .UniqueIndex(global::Marten.Schema.UniqueIndexType.Computed, "uix_recognition_code", global::Marten.Schema.Indexing.Unique.TenancyScope.PerTenant, x => x.Code);
        options.Schema.For<LeapMastery.Api.Features.Assessments.AssessmentDocument>()
            .UniqueIndex(global::Marten.Schema.UniqueIndexType.Computed, "uix_assessment_code", global::Marten.Schema.Indexing.Unique.TenancyScope.PerTenant, x => x.Code);
        options.Schema.For<LeapMastery.Api.Features.Webhooks.WebhookSubscription>().Index(x => x.ClientId)
            .UniqueIndex(global::Marten.Schema.UniqueIndexType.Computed, "uix_webhook_client_url", global::Marten.Schema.Indexing.Unique.TenancyScope.PerTenant, x => x.ClientId, x => x.Url);
        options.Schema.For<LeapMastery.Api.Features.Webhooks.WebhookDelivery>()
            .Index(x => x.WebhookId).Index(x => x.Sequence).Index(x => x.DueAtUnixMs);
        options.Schema.For<FrameworkDocument>()
            .UniqueIndex(global::Marten.Schema.UniqueIndexType.Computed, "uix_framework_code", global::Marten.Schema.Indexing.Unique.TenancyScope.PerTenant, x => x.Code);
        options.Schema.For<LeapMastery.Api.Features.ReportCards.EdFi.EdFiSettingsDocument>();
        // Every document type is registered here, not discovered on first use: the schema is applied at start-up, and with
        // several databases a tenant's partitions are made in the tables that exist when it is placed.
        options.Schema.For<LeapMastery.Api.Features.Groups.GroupDocument>();
        options.Schema.For<LeapMastery.Api.Features.ReportCards.ReportingPeriod>();
        options.Schema.For<LeapMastery.Api.Features.Webhooks.WebhookCursor>();
        // One bit of the issuer's revocation list per served credential (a tenant has one issuer).
        options.Schema.For<LeapMastery.Api.Features.Recognitions.Credential.CredentialStatusEntry>()
            .UniqueIndex(global::Marten.Schema.UniqueIndexType.Computed, "uix_credential_status_index", global::Marten.Schema.Indexing.Unique.TenancyScope.PerTenant, x => x.Index);
    }
}
