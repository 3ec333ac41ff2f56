using Booking.Domain.Common;

namespace Booking.Domain.Practitioners;

/// <summary>Checks the <c>visitTypes</c> of a <see cref="ScheduleDraft"/> field by field against the schedule's opening hours.</summary>
internal static class VisitTypeParser
{
    public static List<VisitType> Parse(
        IReadOnlyList<ScheduleDraft.VisitTypeDraft?>? drafts, IReadOnlyList<OpeningHours> openingHours, List<DomainError> errors)
    {
        var result = new List<VisitType>();
        if (drafts is null)
        {
            return result;
        }

        if (drafts.Count > VisitType.MaxTypes)
        {
            errors.Add(new DomainError("too-many", $"visitTypes may hold at most {VisitType.MaxTypes} entries.", "visitTypes"));
            return result;
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            var field = $"visitTypes[{i}]";
            var draft = drafts[i];
            if (draft is null)
            {
                errors.Add(new DomainError("required", $"{field} must be an object.", field));
                continue;
            }

            var before = errors.Count;
            var id = ParseId(draft.VisitTypeId, $"{field}.visitTypeId", errors);
            if (id is not null && result.Any(t => t.VisitTypeId == id))
            {
                errors.Add(new DomainError("duplicate", $"{field}.visitTypeId {id} is used by another visit type.", $"{field}.visitTypeId"));
            }

            var name = Text.Required(draft.Name, $"{field}.name", VisitType.MaxNameLength, errors);
            var minutes = ScheduleParser.Bounded(draft.Minutes, $"{field}.minutes", WeeklySchedule.MinSlotMinutes, WeeklySchedule.MaxSlotMinutes, null, errors);
            var instructions = Text.Optional(draft.Instructions, $"{field}.instructions", VisitType.MaxInstructionsLength, errors);
            var weekly = draft.Weekly is null ? null : ParseWeekly(draft.Weekly, $"{field}.weekly", openingHours, errors);
            if (errors.Count == before)
            {
                result.Add(new VisitType(
                    id!, name!, minutes, draft.BookableOnline ?? true, draft.NewPatients ?? true, string.IsNullOrEmpty(instructions) ? null : instructions, weekly));
            }
        }

        return result;
    }

    private static string? ParseId(string? id, string field, List<DomainError> errors)
    {
        if (id is { Length: >= 1 and <= VisitType.MaxIdLength } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            return id;
        }

        errors.Add(new DomainError(
            id is null ? "required" : "invalid-visit-type-id", $"{field} must be 1 to {VisitType.MaxIdLength} characters a-z, 0-9 or -.", field));
        return null;
    }

    private static List<OpeningHours> ParseWeekly(
        IReadOnlyList<ScheduleDraft.Opening?> weekly, string path, IReadOnlyList<OpeningHours> openingHours, List<DomainError> errors)
    {
        var ranges = ScheduleParser.ParseWeekly(weekly, path, errors);
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            if (!openingHours.Any(o => o.Day == range.Day && o.Hours.Start <= range.Hours.Start && range.Hours.End <= o.Hours.End))
            {
                errors.Add(new DomainError("outside-opening-hours", $"{path}[{i}] must lie inside one range of weekly on the same day.", $"{path}[{i}]"));
            }
        }

        return ranges;
    }
}
