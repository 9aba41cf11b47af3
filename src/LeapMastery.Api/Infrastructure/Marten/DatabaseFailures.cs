using System.Net.Sockets;
using Npgsql;

namespace LeapMastery.Api.Infrastructure.Marten;

/// <summary>
/// Which database failures are the database being unavailable for a moment (a lost or refused connection, a server shutting
/// down or restarting, a backend terminated by the operator, too many connections, a timeout, a serialization failure or
/// deadlock) rather than a fault in the request or the code. A write decides again on them (<c>LearnerStreamWriter</c>); any
/// request that still meets one answers 503 with Retry-After, never 500.
/// </summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception? ex) => ex switch
    {
        null or OperationCanceledException => false,
        PostgresException { SqlState: "40001" or "40P01" or "55P03" } => true,
        PostgresException p => p.IsTransient,
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException } => true,
        SocketException or TimeoutException => true,
        _ => IsUnavailable(ex.InnerException),
    };
}
