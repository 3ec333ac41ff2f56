using Booking.Application.Paging;
using Microsoft.AspNetCore.Http;

namespace Booking.Functions.Http;

/// <summary>The paging parameters of a list's query string, as given: <c>limit</c> and <c>cursor</c> (each list parses and checks them).</summary>
public static class PageQuery
{
    public static PageRequest Of(HttpRequest request) => new(request.Query["limit"], request.Query["cursor"]);
}
