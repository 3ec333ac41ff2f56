using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Functions.Http;

namespace Booking.Functions.Tests;

public sealed class ProblemsTests
{
    [Fact]
    public void ARefusedCursorIsA400OfItsOwnTypeNamingTheCursorField()
    {
        var response = Problems.From(PageCursors.Refused);

        var problem = Assert.IsType<Problems.ValidationProblem>(response.Body);
        Assert.Equal(400, response.Status);
        Assert.Equal("https://booking.example/problems/invalid-cursor", problem.Type);
        Assert.Equal(["cursor"], problem.Errors.Keys);
    }

    [Fact]
    public void AValidationFailureKeepsTheValidationType()
    {
        var problem = Assert.IsType<Problems.ValidationProblem>(Problems.From(Failure.Validation("limit", "limit must be a whole number from 1 to 50.")).Body);

        Assert.Equal("https://booking.example/problems/validation", problem.Type);
        Assert.Equal("The request has invalid fields.", problem.Detail);
        Assert.Equal(["limit"], problem.Errors.Keys);
    }
}
