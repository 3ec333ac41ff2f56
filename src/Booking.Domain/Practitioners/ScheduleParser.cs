using Booking.Domain.Common;
using NodaTime;
using NodaTime.Text;

namespace Booking.Domain.Practitioners;

/// <summary>Checks a <see cref="ScheduleDraft"/> field by field and builds the <see cref="WeeklySchedule"/> it describes.</summary>
public static class ScheduleParser
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static Result<WeeklySchedule> Parse(ScheduleDraft draft)
    {
        var errors = new List<DomainError>();
        var zone = TimeZones.Parse(draft.TimeZone, "timeZone", errors);
        var slotMinutes = Bounded(
            draft.SlotMinutes, "slotMinutes", WeeklySchedule.MinSlotMinutes, WeeklySchedule.MaxSlotMinutes, draft.VisitTypes is { Count: > 0 } ? 0 : null, errors);
        var horizon = Bounded(draft.HorizonDays, "horizonDays", 1, WeeklySchedule.MaxHorizonDays, WeeklySchedule.DefaultHorizonDays, errors);
        var notice = Bounded(draft.MinNoticeMinutes, "minNoticeMinutes", 0, WeeklySchedule.MaxMinNoticeMinutes, WeeklySchedule.DefaultMinNoticeMinutes, errors);
        var weekly = ParseWeekly(draft.Weekly, errors);
        var exceptions = ParseExceptions(draft.Exceptions, errors);
        var minDays = Bounded(draft.MinDaysBetweenAppointments, "minDaysBetweenAppointments", 0, WeeklySchedule.MaxMinDaysBetweenAppointments, 0, errors);
        var types = VisitTypeParser.Parse(draft.VisitTypes, weekly, errors);
        if (slotMinutes == 0 && types.Count > 0)
        {
            slotMinutes = types[0].Minutes;
        }

        return errors.Count > 0
            ? Result<WeeklySchedule>.Failure(errors)
            : new WeeklySchedule(zone!.Id, slotMinutes, weekly, exceptions, horizon, notice, types.Count > 0 ? types : null, minDays);
    }

    internal static int Bounded(int? value, string field, int min, int max, int? defaultValue, List<DomainError> errors)
    {
        if (value is null)
        {
            if (defaultValue is null)
            {
                errors.Add(new DomainError("required", $"{field} is required.", field));
            }

            return defaultValue ?? 0;
        }

        if (value < min || value > max)
        {
            errors.Add(new DomainError("out-of-range", $"{field} must be between {min} and {max}.", field));
        }

        return value.Value;
    }

    private static List<OpeningHours> ParseWeekly(IReadOnlyList<ScheduleDraft.Opening?>? weekly, List<DomainError> errors)
    {
        if (weekly is null)
        {
            errors.Add(new DomainError("required", "weekly is required (it may be empty).", "weekly"));
            return [];
        }

        return ParseWeekly(weekly, "weekly", errors);
    }

    /// <summary>Weekly ranges at <paramref name="path"/>: each a weekday and hours, none overlapping another of its day.</summary>
    internal static List<OpeningHours> ParseWeekly(IReadOnlyList<ScheduleDraft.Opening?> weekly, string path, List<DomainError> errors)
    {
        var result = new List<OpeningHours>();
        if (weekly.Count > WeeklySchedule.MaxOpeningHours)
        {
            errors.Add(new DomainError("too-many", $"{path} may hold at most {WeeklySchedule.MaxOpeningHours} entries.", path));
            return result;
        }

        for (var i = 0; i < weekly.Count; i++)
        {
            var field = $"{path}[{i}]";
            var entry = weekly[i];
            if (entry is null)
            {
                errors.Add(new DomainError("required", $"{field} must be an object.", field));
                continue;
            }

            var day = ParseDay(entry.Day, $"{field}.day", errors);
            var hours = ParseRange(entry.Start, entry.End, field, errors);
            if (day is null || hours is null)
            {
                continue;
            }

            if (result.Any(o => o.Day == day && o.Hours.Overlaps(hours)))
            {
                errors.Add(new DomainError("overlap", $"{field} overlaps other hours on the same day.", field));
                continue;
            }

            result.Add(new OpeningHours(day.Value, hours));
        }

        return result;
    }

    private static List<ScheduleException> ParseExceptions(IReadOnlyList<ScheduleDraft.DateException?>? exceptions, List<DomainError> errors)
    {
        var byDate = new Dictionary<LocalDate, List<LocalTimeRange>>();
        if (exceptions is null)
        {
            return [];
        }

        if (exceptions.Count > WeeklySchedule.MaxExceptions)
        {
            errors.Add(new DomainError("too-many", $"exceptions may hold at most {WeeklySchedule.MaxExceptions} entries.", "exceptions"));
            return [];
        }

        var closedDates = new HashSet<LocalDate>();
        for (var i = 0; i < exceptions.Count; i++)
        {
            var field = $"exceptions[{i}]";
            var entry = exceptions[i];
            if (entry is null)
            {
                errors.Add(new DomainError("required", $"{field} must be an object.", field));
                continue;
            }

            var date = ParseDate(entry.Date, $"{field}.date", errors);
            if (date is null)
            {
                continue;
            }

            var hours = byDate.TryGetValue(date.Value, out var existing) ? existing : byDate[date.Value] = [];
            if (entry.Closed == true)
            {
                if (entry.Start is not null || entry.End is not null)
                {
                    errors.Add(new DomainError("closed-with-hours", $"{field} is closed and cannot also give hours.", field));
                }

                closedDates.Add(date.Value);
                continue;
            }

            var range = ParseRange(entry.Start, entry.End, field, errors);
            if (range is null)
            {
                continue;
            }

            if (hours.Any(h => h.Overlaps(range)))
            {
                errors.Add(new DomainError("overlap", $"{field} overlaps other hours on the same date.", field));
                continue;
            }

            hours.Add(range);
        }

        foreach (var date in closedDates.Where(d => byDate[d].Count > 0))
        {
            errors.Add(new DomainError("closed-with-hours", $"{DatePattern.Format(date)} is both closed and open.", "exceptions"));
        }

        return byDate.Select(kv => new ScheduleException(kv.Key, kv.Value.OrderBy(h => h.Start).ToList())).ToList();
    }

    private static IsoDayOfWeek? ParseDay(string? day, string field, List<DomainError> errors)
    {
        // Letters only: Enum.TryParse also takes numbers ("-1") and lists ("monday,tuesday" is their bitwise OR, Wednesday);
        // it refuses an empty name.
        var name = day?.Trim();
        if (name is not null && name.All(char.IsAsciiLetter)
            && Enum.TryParse<IsoDayOfWeek>(name, ignoreCase: true, out var parsed) && parsed != IsoDayOfWeek.None)
        {
            return parsed;
        }

        errors.Add(new DomainError("invalid-day", $"{field} must be a weekday name such as monday.", field));
        return null;
    }

    private static LocalTimeRange? ParseRange(string? start, string? end, string field, List<DomainError> errors)
    {
        var from = ParseTime(start, $"{field}.start", errors);
        var to = ParseTime(end, $"{field}.end", errors);
        if (from is null || to is null)
        {
            return null;
        }

        if (to <= from)
        {
            errors.Add(new DomainError("empty-range", $"{field}.end must be after {field}.start on the same day.", $"{field}.end"));
            return null;
        }

        return new LocalTimeRange(from.Value, to.Value);
    }

    private static LocalTime? ParseTime(string? text, string field, List<DomainError> errors)
    {
        // Stryker disable once Conditional : equivalent; NodaTime answers a null text with a failed result, as this null does.
        var parsed = text is null ? null : TimePattern.Parse(text);
        if (parsed is { Success: true })
        {
            return parsed.Value;
        }

        errors.Add(new DomainError("invalid-time", $"{field} must be a time HH:mm.", field));
        return null;
    }

    public static LocalDate? ParseDate(string? text, string field, List<DomainError> errors)
    {
        // Stryker disable once Conditional : equivalent; NodaTime answers a null text with a failed result, as this null does.
        var parsed = text is null ? null : DatePattern.Parse(text);
        if (parsed is { Success: true } && text!.Length == 10)
        {
            return parsed.Value;
        }

        errors.Add(new DomainError("invalid-date", $"{field} must be a date YYYY-MM-DD.", field));
        return null;
    }
}
