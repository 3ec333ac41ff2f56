using System.Buffers.Binary;
using System.Text;

namespace Booking.Application.Paging;

/// <summary>
/// What a cursor is bound to: the list, each parameter that decides which items it holds (never <c>limit</c>) and,
/// on personal lists, the caller. It is never written into the cursor: only the cursor's MAC covers it, so a cursor
/// presented with another scope simply fails to verify.
/// </summary>
public sealed class PageScope(string list, params string[] parameters)
{
    /// <summary>Each part as its length and UTF-8 bytes, so no two scopes encode alike.</summary>
    public byte[] Encode()
    {
        // Stryker disable once Linq : equivalent; with each part's length written, the list first or last keeps every scope's encoding distinct.
        var parts = parameters.Prepend(list).Select(Encoding.UTF8.GetBytes).ToList();
        var encoded = new byte[parts.Sum(p => sizeof(int) + p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(at), part.Length);
            part.CopyTo(encoded.AsSpan(at + sizeof(int)));
            at += sizeof(int) + part.Length;
        }

        return encoded;
    }
}
