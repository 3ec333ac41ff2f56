using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Booking.Infrastructure.Auth;

/// <summary>
/// The issuer's OpenID metadata and signing keys, cached: read again every <see cref="BaseConfigurationManager.AutomaticRefreshInterval"/>
/// and, once a token names a key the cache lacks (the issuer rolled its keys over; the token handler then calls
/// <see cref="RequestRefresh"/>), by the very next read — awaited, so the token that revealed the new key is itself
/// accepted. Refreshes on request are at most one per <see cref="BaseConfigurationManager.RefreshInterval"/>, so tokens
/// with made-up key ids can't make us hammer the issuer. One read at a time; callers waiting for it share its outcome.
/// A failed read keeps the keys already known (stale keys beat none) and is tried again after the refresh interval.
/// Microsoft.IdentityModel's own <c>ConfigurationManager</c> refreshes in the background since 8.x (the revealing token
/// was refused: 401 for the first requests after every rollover) and reads the wall clock; this reads the one given.
/// Last-known-good configurations are off: a key withdrawn from the issuer's key set is no longer trusted.
/// </summary>
public sealed class OpenIdMetadataCache : BaseConfigurationManager
{
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _time;
    private readonly Lock _state = new();
    private OpenIdConnectConfiguration? _current;
    private Exception? _failure;
    private Task? _reading;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private DateTimeOffset _nextReadAt = DateTimeOffset.MinValue;

    public OpenIdMetadataCache(string metadataAddress, IDocumentRetriever documents, TimeProvider time)
    {
        MetadataAddress = metadataAddress;
        UseLastKnownGoodConfiguration = false;
        _documents = documents;
        _time = time;
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel)
    {
        Task reading;
        lock (_state)
        {
            if (_current is { } current && _time.GetUtcNow() < _nextReadAt)
            {
                return current;
            }

            reading = _reading ??= Task.Run(ReadAsync, CancellationToken.None);
        }

        await reading.WaitAsync(cancel);
        lock (_state)
        {
            return _current ?? throw new InvalidOperationException($"The OpenID metadata at {MetadataAddress} could not be read.", _failure);
        }
    }

    /// <summary>The token handler's signal that a token names a key the cache lacks: read again at once, unless read within the refresh interval.</summary>
    public override void RequestRefresh()
    {
        lock (_state)
        {
            var now = _time.GetUtcNow();
            if (now >= _readAt + RefreshInterval && now < _nextReadAt)
            {
                _nextReadAt = now;
            }
        }
    }

    // Never the caller's cancellation: every caller waiting for the read shares it.
    private async Task ReadAsync()
    {
        var startedAt = _time.GetUtcNow();
        OpenIdConnectConfiguration? read = null;
        Exception? failure = null;
        try
        {
            read = await OpenIdConnectConfigurationRetriever.GetAsync(MetadataAddress, _documents, CancellationToken.None);
        }
        catch (Exception e)
        {
            failure = e;
        }

        lock (_state)
        {
            _current = read ?? _current;
            _failure = failure;
            _readAt = startedAt;
            _nextReadAt = startedAt + (read is null ? RefreshInterval : AutomaticRefreshInterval);
            _reading = null;
        }
    }
}
