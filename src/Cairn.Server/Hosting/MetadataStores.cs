using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Identity.Sessions;
using Cairn.Core.Ports;
using Cairn.Storage.Postgres;
using Cairn.Storage.Space;
using Cairn.Storage.Sqlite;
using Npgsql;

namespace Cairn.Server.Hosting;

/// <summary>
/// The one place that chooses the metadata store (<see cref="MetadataOptions"/>) and resolves every metadata port,
/// and the identity store on it, to that one instance. The identity store is composed as
/// Caching(SecretProtecting(store)): secrets are sealed before they reach the database, and the cache holds them
/// opened, so a signed request costs neither a read nor a decryption.
/// </summary>
internal static class MetadataStores
{
    /// <summary>The SQLite metadata database in the data directory.</summary>
    public const string DatabaseFileName = "cairn.db";

    /// <summary>
    /// Opens the PostgreSQL store (applying missing schema steps) when one is configured, before the server is built,
    /// so that an unreachable or refused database stops the start with one line; null for the embedded store.
    /// </summary>
    public static async Task<PostgresMetadataStore?> OpenPostgresAsync(CairnOptions options, CancellationToken cancellationToken)
    {
        if (!options.Metadata.IsPostgres)
        {
            return null;
        }

        var connectionString = options.Metadata.ConnectionString!;
        string where;
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            where = $"{parsed.Host}:{parsed.Port}/{parsed.Database ?? parsed.Username}";
        }
        catch (ArgumentException e)
        {
            throw new ServerStartException(ServerExitCodes.ConfigurationError, $"invalid Cairn:Metadata:ConnectionString: {e.Message}", e);
        }

        try
        {
            return await PostgresMetadataStore.OpenAsync(connectionString, options.Time, cancellationToken);
        }
        catch (Exception e) when (e is CairnException or NpgsqlException or InvalidOperationException)
        {
            var reason = e is CairnException { InnerException: { } cause } ? cause.Message : e.Message;
            throw new ServerStartException(ServerExitCodes.MetadataUnavailable, $"cannot open the metadata database at {where}: {reason}", e);
        }
    }

    public static void Register(IServiceCollection services, CairnOptions options, PostgresMetadataStore? postgres, SecretBox secrets)
    {
        var time = options.Time;
        if (postgres is not null)
        {
            services.AddSingleton(postgres);
            AddPorts<PostgresMetadataStore>(services);
            AddIdentities(services, time, secrets, _ => new PostgresIdentityStore(postgres, time));
            return;
        }

        services.AddSingleton(sp => new SqliteMetadataStore(
            Path.Combine(options.DataDirectory, DatabaseFileName), time, sp.GetRequiredService<SpaceReserve>()));
        AddPorts<SqliteMetadataStore>(services);
        AddIdentities(services, time, secrets, sp => new SqliteIdentityStore(sp.GetRequiredService<SqliteMetadataStore>(), time));
    }

    /// <summary>
    /// Seals the secrets still stored as issued and checks that the stored ones open with this master key, before the
    /// server takes requests; a wrong master key stops the start with one line (exit code 2).
    /// </summary>
    public static async Task ProtectSecretsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<SecretProtectingIdentityStore>().ProtectStoredSecretsAsync(cancellationToken);
        }
        catch (UnreadableSecretException e)
        {
            throw new ServerStartException(ServerExitCodes.ConfigurationError,
                $"{e.Message}: Cairn:MasterKey (CAIRN_MASTER_KEY) or {MasterKey.FileName} in the data directory is not the key the secrets were sealed with", e);
        }
    }

    private static void AddIdentities<TStore>(IServiceCollection services, TimeProvider time, SecretBox secrets, Func<IServiceProvider, TStore> store)
        where TStore : class, IIdentityStore, IRoleStore
    {
        services.AddSingleton(store);
        services.AddSingleton(sp => new SecretProtectingIdentityStore(sp.GetRequiredService<TStore>(), secrets));
        services.AddSingleton<IIdentityStore>(sp => new CachingIdentityStore(sp.GetRequiredService<SecretProtectingIdentityStore>(), time));
        services.AddSingleton<IRoleStore>(sp => new CachingRoleStore(sp.GetRequiredService<TStore>(), time));
        services.AddSingleton(new SessionTokens(secrets));
        services.AddSingleton<SessionVerifier>();
    }

    private static void AddPorts<TStore>(IServiceCollection services)
        where TStore : class, IBucketStore, IBucketSettingsStore, IObjectStore, IUploadStore, IGarbageStore, IStoreStatistics, ILeaseStore, ILifecycleStore, IStoreAudit
    {
        services.AddSingleton<IBucketStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IBucketSettingsStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IUploadStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IGarbageStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStoreStatistics>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ILeaseStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ILifecycleStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStoreAudit>(sp => sp.GetRequiredService<TStore>());
    }
}
