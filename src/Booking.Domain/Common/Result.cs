using System.Diagnostics.CodeAnalysis;

namespace Booking.Domain.Common;

/// <summary>A value or the errors that prevented it. Used for expected failures instead of exceptions.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<DomainError> errors)
    {
        _value = value;
        Errors = errors;
    }

    public IReadOnlyList<DomainError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Errors.Count == 0;

    public T? Value => _value;

    public static Result<T> Success(T value) => new(value, []);

    public static Result<T> Failure(params DomainError[] errors) => new(default, errors);

    public static Result<T> Failure(IReadOnlyList<DomainError> errors) => new(default, errors);

    public static implicit operator Result<T>(T value) => Success(value);
}
