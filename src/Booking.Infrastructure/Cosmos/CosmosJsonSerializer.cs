using System.Text.Json;
using Booking.Application.Common;
using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Cosmos;

/// <summary>The SDK's serializer, replaced by System.Text.Json with the one set of options the app uses everywhere.</summary>
public sealed class CosmosJsonSerializer : CosmosSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
        {
            return (T)(object)stream;
        }

        using (stream)
        {
            return JsonSerializer.Deserialize<T>(stream, JsonDefaults.Options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, JsonDefaults.Options);
        stream.Position = 0;
        return stream;
    }
}
