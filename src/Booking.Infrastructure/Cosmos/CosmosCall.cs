using System.Net;
using Booking.Application.Storage;
using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// Sends one request and turns "Cosmos could not answer" (timeout, 503, 429 after the SDK's retries, a broken
/// connection) into <see cref="StoreUnavailableException"/>, which the HTTP layer answers with 503. Messages name
/// the operation and the document type only, never a key.
/// </summary>
internal static class CosmosCall
{
    public static async Task<ResponseMessage> SendAsync(
        string operation, string documentType, Func<Task<ResponseMessage>> send, CancellationToken ct)
    {
        var response = await GuardAsync(operation, documentType, send, ct);
        CosmosMetrics.Record(operation, documentType, response.Headers.RequestCharge);
        if (IsUnavailable(response.StatusCode))
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new StoreUnavailableException($"Cosmos DB answered {status} to {operation} of {documentType}.");
        }

        return response;
    }

    public static async Task<TResult> GuardAsync<TResult>(
        string operation, string documentType, Func<Task<TResult>> send, CancellationToken ct)
    {
        try
        {
            return await send();
        }
        catch (CosmosException e) when (IsUnavailable(e.StatusCode))
        {
            throw new StoreUnavailableException($"Cosmos DB answered {(int)e.StatusCode} to {operation} of {documentType}.", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"Cosmos DB did not answer {operation} of {documentType} in time.", e);
        }
        catch (HttpRequestException e)
        {
            throw new StoreUnavailableException($"Cosmos DB could not be reached for {operation} of {documentType}.", e);
        }
    }

    /// <summary>Throws for any status the caller did not expect; the store has already mapped 404, 409 and 412.</summary>
    public static void EnsureSuccess(ResponseMessage response, string operation, string documentType)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Cosmos DB answered {(int)response.StatusCode} to {operation} of {documentType}.");
        }
    }

    private static bool IsUnavailable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.Gone or HttpStatusCode.GatewayTimeout;
}
