using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Domain.Common;

namespace Booking.Application.Waitlist;

/// <summary>A patient lists their waitlist entries, oldest first (then by id), a page at a time. Nothing personal is opened.</summary>
public sealed class ListMyWaitlist(PatientWaitlist waitlist, PageCursors cursors, TimeProvider time)
{
    public async Task<Outcome<Page<WaitlistReceipt>>> HandleAsync(Caller caller, PageRequest request, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients have waitlist entries.");
        }

        var errors = new List<DomainError>();
        var limit = PageSize.Items.Parse(request.Limit, errors);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var scope = new PageScope("my-waitlist", caller.Principal);
        var after = request.Cursor is null ? null : await cursors.ReadAsync(scope, request.Cursor, ct);
        if (request.Cursor is not null && after is not { At: not null, Id: not null })
        {
            return PageCursors.Refused;
        }

        var now = time.GetCurrentInstant();
        var mine = (await waitlist.AllAsync(caller.Subject, ct)).Select(e => e.Value)
            .Where(e => after is null || e.CreatedAt > after.At || (e.CreatedAt == after.At && string.CompareOrdinal(e.WaitlistId, after.Id) > 0));
        var (page, more) = PageWindow.Take(mine, limit);
        var next = more ? await cursors.IssueAsync(scope, new PagePosition(page[^1].CreatedAt, page[^1].WaitlistId), ct) : null;
        return new Page<WaitlistReceipt>([.. page.Select(e => WaitlistReceipt.Of(e, now))], next);
    }
}
